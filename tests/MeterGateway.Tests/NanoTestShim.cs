// The portable tests in ../Shared are written against nanoFramework.TestFramework ([TestClass],
// [TestMethod], Assert.AreEqual with typed overloads, Assert.ThrowsException(Type, Action)) so that
// the projects in tests/MeterGateway.Tests.nf run them on nanoFramework. On the host this shim maps them onto xUnit.
using System;

namespace nanoFramework.TestFramework
{
    /// <summary>Marks a class of tests (nanoFramework.TestFramework); xUnit needs no class attribute.</summary>
    [AttributeUsage(AttributeTargets.Class)]
    public sealed class TestClassAttribute : Attribute { }

    /// <summary>Marks a test method; on the host an xUnit fact.</summary>
    [Xunit.Sdk.XunitTestCaseDiscoverer("Xunit.Sdk.FactDiscoverer", "xunit.execution.{Platform}")]
    [AttributeUsage(AttributeTargets.Method)]
    public sealed class TestMethodAttribute : Xunit.FactAttribute { }

    /// <summary>The assertions of nanoFramework.TestFramework that the shared tests use.</summary>
    public static class Assert
    {
        public static void AreEqual(int expected, int actual, string message = "") { Xunit.Assert.True(expected == actual, Msg(expected, actual, message)); }
        public static void AreEqual(long expected, long actual, string message = "") { Xunit.Assert.True(expected == actual, Msg(expected, actual, message)); }
        public static void AreEqual(uint expected, uint actual, string message = "") { Xunit.Assert.True(expected == actual, Msg(expected, actual, message)); }
        public static void AreEqual(ulong expected, ulong actual, string message = "") { Xunit.Assert.True(expected == actual, Msg(expected, actual, message)); }
        public static void AreEqual(byte expected, byte actual, string message = "") { Xunit.Assert.True(expected == actual, Msg(expected, actual, message)); }
        public static void AreEqual(bool expected, bool actual, string message = "") { Xunit.Assert.True(expected == actual, Msg(expected, actual, message)); }
        public static void AreEqual(double expected, double actual, string message = "") { Xunit.Assert.True(expected.Equals(actual), Msg(expected, actual, message)); }
        public static void AreEqual(string expected, string actual, string message = "") { Xunit.Assert.True(expected == actual, Msg(expected, actual, message)); }
        public static void AreEqual(object expected, object actual, string message = "") { Xunit.Assert.True(Equals(expected, actual), Msg(expected, actual, message)); }
        public static void AreNotEqual(long notExpected, long actual, string message = "") { Xunit.Assert.True(notExpected != actual, "did not expect " + actual + " " + message); }
        public static void IsTrue(bool condition, string message = "") { Xunit.Assert.True(condition, message); }
        public static void IsFalse(bool condition, string message = "") { Xunit.Assert.False(condition, message); }
        public static void IsNull(object value, string message = "") { Xunit.Assert.True(value == null, "expected null, got " + value + " " + message); }
        public static void IsNotNull(object value, string message = "") { Xunit.Assert.True(value != null, "expected a value " + message); }
        public static void ThrowsException(Type exceptionType, Action action, string message = "") { Xunit.Assert.Throws(exceptionType, action); }

        private static string Msg(object expected, object actual, string message)
        {
            return "expected <" + expected + "> actual <" + actual + "> " + message;
        }
    }

    /// <summary>Array assertions (nanoFramework.TestFramework's CollectionAssert).</summary>
    public static class CollectionAssert
    {
        public static void AreEqual(Array expected, Array actual, string message = "")
        {
            Xunit.Assert.Equal(Hex(expected), Hex(actual));
        }

        private static string Hex(Array a)
        {
            var sb = new System.Text.StringBuilder();
            foreach (object o in a) sb.Append(o is byte b ? b.ToString("X2") : o?.ToString()).Append(' ');
            return sb.ToString();
        }
    }
}

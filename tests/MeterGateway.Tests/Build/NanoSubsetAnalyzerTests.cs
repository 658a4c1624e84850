using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using MeterGateway.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace MeterGateway.Tests.Build
{
    /// <summary>
    /// build/MeterGateway.Analyzers on small sources compiled as C# 9 against this runtime's assemblies: each construct
    /// outside the nanoFramework 1.17 subset gives its rule's error, and the idioms the core is written in give none.
    /// </summary>
    public class NanoSubsetAnalyzerTests
    {
        private static readonly Lazy<MetadataReference[]> References = new Lazy<MetadataReference[]>(() =>
            ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "").Split(Path.PathSeparator)
                .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToArray());

        [Theory]
        [InlineData("class Box<T> { }", "MGN001")]
        [InlineData("class C { void M<T>() { } }", "MGN001")]
        [InlineData("interface I<T> { }", "MGN001")]
        [InlineData("delegate void D<T>(T x);", "MGN001")]
        [InlineData("class C { void M() { void L<T>() { } } }", "MGN001")]
        [InlineData("class C { System.Collections.Generic.List<int> l; }", "MGN002")]
        [InlineData("class C { object M() { return System.Array.Empty<int>(); } }", "MGN002")]
        [InlineData("class C { int M(int[] a) { return System.Array.IndexOf(a, 3); } }", "MGN002")]
        [InlineData("using System; class C { int M(string s) { var t = s.AsSpan(); return t.Length; } }", "MGN002")]
        [InlineData("class C { System.Func<int> f; }", "MGN002")]
        [InlineData("class C { object M() { return new { A = 1 }; } }", "MGN002")]
        [InlineData("class C { int? n; }", "MGN003")]
        [InlineData("class C { object M(string s) { return s?.Length; } }", "MGN003")]
        [InlineData("class C { (int, long) t; }", "MGN004")]
        [InlineData("class C { object M() { return (1, 2); } }", "MGN004")]
        [InlineData("class C { async void M() { } }", "MGN005")]
        [InlineData("class C { void M() { System.Action a = async () => { }; } }", "MGN005")]
        [InlineData("class C { System.Collections.IEnumerable M() { yield return 1; } }", "MGN006")]
        [InlineData("class C { object M(int[] a) { return from x in a select x; } }", "MGN007")]
        [InlineData("class C { int M(int[] a) { return a[^1]; } }", "MGN008")]
        [InlineData("class C { string M(string s) { return s[1..2]; } }", "MGN008")]
        [InlineData("class C { void M(object o) { dynamic d = o; } }", "MGN009")]
        [InlineData("record R(int A);", "MGN010")]
        [InlineData("class C { unsafe void M() { byte* b = stackalloc byte[4]; } }", "MGN011")]
        [InlineData("class C { string M(int n) { return $\"n={n}\"; } }", "MGN012")]
        [InlineData("class C { decimal d; }", "MGN013")]
        [InlineData("class C { object M() { return 1.5m; } }", "MGN013")]
        [InlineData("class C { string[] a = new string[4]; }", "MGN014")]
        [InlineData("class C { object M(int n) { return new string[n + 1]; } }", "MGN014")]
        [InlineData("class C { string s = \"junk\\u0000\"; }", "MGN015")]
        [InlineData("class C { string s = \"a\\0b\"; }", "MGN015")]
        public void ConstructOutsideTheSubsetFails(string source, string rule)
        {
            string[] ids = Analyze(source);
            Xunit.Assert.Contains(rule, ids);
            Xunit.Assert.All(ids, id => Xunit.Assert.Equal(rule, id));
        }

        [Fact]
        public void TheCoresIdiomsPass()
        {
            const string source = @"
using System;
namespace N
{
    public enum Kind : byte { None, Number }
    public interface ILink { int Read(byte[] buffer, int offset, int count, int timeoutMs); }
    /// <summary>A cref to <see cref=""System.Collections.Generic.List{T}""/> is only text.</summary>
    public sealed class Parser
    {
        private readonly byte[] _buffer = new byte[4096];
        private static readonly string[] Names = { ""a"", ""b"" };
        private static readonly string[] None = new string[0];
        private static readonly string[] Two = new string[] { ""x"", null };
        private static bool IsNul(char c) { return c == '\0'; }
        public event EventHandler Changed;
        public bool TryParse(byte[] data, int offset, int count, out long mantissa, out int exponent)
        {
            mantissa = 0; exponent = 0;
            for (int i = offset; i < offset + count; i++)
            {
                byte b = data[i];
                if (b < (byte)'0' || b > (byte)'9') return false;
                mantissa = mantissa * 10 + (b - '0');
            }
            Array.Copy(data, offset, _buffer, 0, count);
            object boxed = Kind.Number;
            string text = ""count "" + count + Names[0];
            Action done = () => Changed?.Invoke(this, EventArgs.Empty);
            done();
            return text.Length > 0 && boxed != null;
        }
    }
}";
            Xunit.Assert.Empty(Analyze(source));
        }

        /// <summary>Rule ids the analyzer reports for <paramref name="source"/>, compile errors aside.</summary>
        private static string[] Analyze(string source)
        {
            SyntaxTree tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.CSharp9));
            CSharpCompilation compilation = CSharpCompilation.Create("Probe", new[] { tree }, References.Value,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true));
            ImmutableArray<Diagnostic> found = compilation
                .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new NanoSubsetAnalyzer()))
                .GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
            return found.Select(d => d.Id).ToArray();
        }
    }
}

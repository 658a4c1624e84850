using nanoFramework.TestFramework;
using MeterGateway.Vscp;

namespace MeterGateway.Tests.Shared
{
    /// <summary>IEEE-754 bits from exact decimals: known patterns (Python struct.pack) and round-half-even ties.</summary>
    [TestClass]
    public class Ieee754Tests
    {
        [TestMethod]
        public void DoubleBits()
        {
            long bits;
            Assert.IsTrue(Ieee754.TryDoubleBits(1234567, -3, out bits));
            Assert.AreEqual(0x40934A449BA5E354L, bits);
            Assert.IsTrue(Ieee754.TryDoubleBits(1, -1, out bits));
            Assert.AreEqual(0x3FB999999999999AL, bits);
            Assert.IsTrue(Ieee754.TryDoubleBits(-25, -1, out bits));
            Assert.AreEqual(unchecked((long)0xC004000000000000UL), bits);
            Assert.IsTrue(Ieee754.TryDoubleBits(240860, 6, out bits));
            Assert.AreEqual(0x424C0A2FF7800000L, bits);
            Assert.IsTrue(Ieee754.TryDoubleBits(0, -3, out bits));
            Assert.AreEqual(0L, bits);
            // 2^53 + 1 is a tie between 2^53 and 2^53 + 2: round to even
            Assert.IsTrue(Ieee754.TryDoubleBits(9007199254740993, 0, out bits));
            Assert.AreEqual(0x4340000000000000L, bits);
        }

        [TestMethod]
        public void SingleBits()
        {
            long bits;
            Assert.IsTrue(Ieee754.TrySingleBits(1234567, -3, out bits));
            Assert.AreEqual(0x449A5225L, bits);
            Assert.IsTrue(Ieee754.TrySingleBits(1, -1, out bits));
            Assert.AreEqual(0x3DCCCCCDL, bits);
            // ties: 16777217 → 16777216 (even), 16777219 → 16777220 (even)
            Assert.IsTrue(Ieee754.TrySingleBits(16777217, 0, out bits));
            Assert.AreEqual(0x4B800000L, bits);
            Assert.IsTrue(Ieee754.TrySingleBits(16777219, 0, out bits));
            Assert.AreEqual(0x4B800002L, bits);
        }

        [TestMethod]
        public void OutOfRangeIsRefused()
        {
            long bits;
            Assert.IsFalse(Ieee754.TryDoubleBits(1, 40, out bits));
            Assert.IsFalse(Ieee754.TryDoubleBits(3, -30, out bits));
            // trailing zeros are removed first, so 10^30 × 10^-5 is fine
            Assert.IsTrue(Ieee754.TryDoubleBits(1000000, -30, out bits));
        }
    }
}

using nanoFramework.TestFramework;
using MeterGateway.Checksums;
using MeterGateway.Readings;

namespace MeterGateway.Tests.Shared
{
    /// <summary>CRC-32/ISO-HDLC against the CRC catalogue (reveng.sourceforge.io): check "123456789" = 0xCBF43926.</summary>
    [TestClass]
    public class Crc32Tests
    {
        [TestMethod]
        public void CheckValueAndIncrementalUpdate()
        {
            byte[] check = Ascii.GetBytes("123456789");
            Assert.AreEqual(0xCBF43926u, Crc32.Compute(check, 0, 9));
            uint crc = Crc32.Update(Crc32.Initial, check, 0, 4);
            crc = Crc32.Update(crc, check, 4, 5);
            Assert.AreEqual(0xCBF43926u, crc ^ Crc32.Initial);
            Assert.AreEqual(0u, Crc32.Compute(check, 0, 0));
        }

        /// <summary>Every byte value, high bits included, against zlib's crc32 (Python <c>zlib.crc32(bytes(range(256)))</c>).</summary>
        [TestMethod]
        public void EveryByteValueAsZlib()
        {
            byte[] all = new byte[256];
            for (int i = 0; i < all.Length; i++) all[i] = (byte)i;
            Assert.AreEqual(0x29058C73u, Crc32.Compute(all, 0, 256));
            Assert.AreEqual(0x414FA339u, Crc32.Compute(Ascii.GetBytes("The quick brown fox jumps over the lazy dog"), 0, 43));
        }
    }
}

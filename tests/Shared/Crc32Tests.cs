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
    }
}

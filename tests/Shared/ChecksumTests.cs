using nanoFramework.TestFramework;
using MeterGateway.Checksums;
using MeterGateway.Readings;

namespace MeterGateway.Tests.Shared
{
    /// <summary>Check values of the CRC catalogue (reveng.sourceforge.io) and PROTOCOLS.md §5.</summary>
    [TestClass]
    public class ChecksumTests
    {
        [TestMethod]
        public void Crc16CheckValues()
        {
            byte[] check = Ascii.GetBytes("123456789");
            Assert.AreEqual(0xBB3D, Crc16.Arc(check, 0, 9));
            Assert.AreEqual(0x4B37, Crc16.UpdateArc(0xFFFF, check, 0, 9));
            Assert.AreEqual(0x906E, Crc16.X25(check, 0, 9));
        }
    }
}

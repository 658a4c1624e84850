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

        [TestMethod]
        public void Crc16ArcOverARunEqualsByteByByte()
        {
            // every length and offset of the start of a DSMR 5 telegram, from three registers, against the one-byte form
            byte[] data = Ascii.GetBytes("/ISk5\\2MT382-1000\r\n\r\n1-3:0.2.8(50)\r\n0-0:1.0.0(170102192002W)\r\n1-0:1.8.1(000004.426*kWh)\r\n!");
            for (int offset = 0; offset < 8; offset++)
            {
                for (int count = 0; offset + count <= data.Length; count++)
                {
                    for (int start = 0; start < 0x10000; start += 0x7FF1)
                    {
                        int expected = start;
                        for (int i = offset; i < offset + count; i++) expected = Crc16.UpdateArc(expected, data[i]);
                        Assert.AreEqual(expected, Crc16.UpdateArc(start, data, offset, count));
                    }
                }
            }
        }
    }
}

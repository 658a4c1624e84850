// Portable (nanoFramework) source: no nullable annotations.
#nullable disable
using MeterGateway.Config;
using MeterGateway.Device;
using MeterGateway.Protocols;
using MeterGateway.Protocols.Dsmr;
using MeterGateway.Protocols.Sml;
using nanoFramework.TestFramework;

namespace MeterGateway.Tests.Shared.Device
{
    /// <summary>How the ESP32 wires the meter link per protocol, and the decoder it reads with.</summary>
    [TestClass]
    public class MeterProfileTests
    {
        [TestMethod]
        public void P1IsInvertedAndRequested()
        {
            GatewayConfig c = GatewayConfig.Load("[GENERAL]\nprotocol = dsmr\nmax_telegram_size = 2048\n");
            MeterProfile p = MeterProfile.For(c);
            Assert.IsNull(p.Problem);
            Assert.IsTrue(p.InvertSignals);
            Assert.IsTrue(p.DataRequest);
            Assert.IsFalse(p.Rs485);
            IFrameDecoder d = p.CreateDecoder(c);
            Assert.IsTrue(d is DsmrDecoder);

            // the decoder honours max_telegram_size: a telegram of 2100 bytes is too long
            byte[] telegram = new byte[2100];
            telegram[0] = (byte)'/';
            for (int i = 1; i < telegram.Length; i++) telegram[i] = (byte)'x';
            d.Feed(telegram, 0, telegram.Length);
            Assert.AreEqual((int)FrameResult.Invalid, (int)d.Result);
            Assert.AreEqual((int)FrameError.TooLong, (int)d.Error);
        }

        [TestMethod]
        public void SmlIsReadPlainFromTheOpticalHead()
        {
            GatewayConfig c = GatewayConfig.Load("[GENERAL]\nprotocol = sml\n");
            MeterProfile p = MeterProfile.For(c);
            Assert.IsNull(p.Problem);
            Assert.IsFalse(p.InvertSignals);
            Assert.IsFalse(p.DataRequest);
            Assert.IsFalse(p.Rs485);
            Assert.IsTrue(p.CreateDecoder(c) is SmlDecoder);
        }

        [TestMethod]
        public void SessionProtocolsAreNotOnTheEsp32Yet()
        {
            GatewayConfig ekm = GatewayConfig.Load("[GENERAL]\nprotocol = ekm\n");
            MeterProfile p = MeterProfile.For(ekm);
            Assert.IsTrue(p.Rs485);
            Assert.AreEqual("protocol ekm: the EKM poll session is not in the ESP32 application yet (use the host's ekm command)", p.Problem);
            Assert.IsNull(p.CreateDecoder(ekm));
            GatewayConfig iec = GatewayConfig.Load("[GENERAL]\nprotocol = iec62056-21\n");
            Assert.AreEqual("protocol iec62056-21: the IEC 62056-21 session is not in the ESP32 application yet", MeterProfile.For(iec).Problem);
            Assert.IsNull(MeterProfile.For(iec).CreateDecoder(iec));
        }
    }
}

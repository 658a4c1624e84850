using System.Device.Gpio;
using System.Diagnostics;
using MeterGateway.Core.Gateway;
using MeterGateway.Core.Link;
using MeterGateway.Core.Protocols;
using MeterGateway.Core.Protocols.Dsmr;
using MeterGateway.Core.Readings;
using MeterGateway.Platform;

namespace MeterGateway
{
    /// <summary>
    /// The nanoFramework application: the portable core wired to the ESP32 adapters in Platform/. Until provisioning
    /// (Wi-Fi and config.ini on I:\) and the outbox are in (issue 7), it runs the core's DSMR path without a broker, as
    /// the wiring check of a P1 box (hardware/README.md): Data Request raised, 115200 8N1 inverted, every telegram
    /// framed, CRC-checked and parsed by the core, and one line per telegram on the debug output: valid with its
    /// reading count, or the core's rejection reason (CRC errors point at inversion or baud rate), and the free
    /// managed memory, which must stay flat.
    /// </summary>
    public static class Program
    {
        private const int ReadTimeoutMs = 1000;

        /// <summary>Entry point; never returns.</summary>
        public static void Main()
        {
            GpioController gpio = new GpioController();
            Esp32Clock clock = new Esp32Clock();
            Esp32SerialLink link = new Esp32SerialLink(PinMap.MeterRx, PinMap.MeterTx, PinMap.None, true,
                new P1DataRequest(gpio, PinMap.P1DataRequest));
            PushMeterSource meter = new PushMeterSource(link, new DsmrDecoder(), 115200, LinkParity.None, 8, true, clock, 20000);
            ReadingSet readings = new ReadingSet();
            meter.Open();

            while (true)
            {
                FrameResult result = meter.Poll(readings, ReadTimeoutMs);
                if (result == FrameResult.None) continue;
                string outcome = result == FrameResult.Valid
                    ? "telegram with " + readings.ReadingCount + " readings"
                    : "rejected: " + meter.ErrorText;
                Debug.WriteLine(clock.MonotonicMs + " ms: " + outcome + ", "
                    + nanoFramework.Runtime.Native.GC.Run(false) + " bytes free");
            }
        }
    }
}

using System.Device.Gpio;
using System.Diagnostics;
using MeterGateway.Core.Link;
using MeterGateway.Platform;

namespace MeterGateway
{
    /// <summary>
    /// The nanoFramework application. It wires the portable core to the ESP32 adapters in Platform/. Until the DSMR
    /// decoder, config.ini and the gateway loop are in the core (issues 3 and 7), it is the wiring check of the P1
    /// port (hardware/README.md): it raises Data Request, reads the inverted 115200 8N1 Data line and prints, about
    /// once a second, how many bytes arrived and the free managed memory.
    /// </summary>
    public static class Program
    {
        private const int ReadTimeoutMs = 1000;

        /// <summary>Entry point; never returns.</summary>
        public static void Main()
        {
            GpioController gpio = new GpioController();
            Esp32Clock clock = new Esp32Clock();
            Esp32SerialLink meter = new Esp32SerialLink(PinMap.MeterRx, PinMap.MeterTx, PinMap.None, true,
                new P1DataRequest(gpio, PinMap.P1DataRequest));
            meter.Open(115200, LinkParity.None, 8);
            meter.SetDataRequest(true);

            byte[] buffer = new byte[Esp32SerialLink.BufferSize];
            while (true)
            {
                int count = meter.Read(buffer, 0, buffer.Length, ReadTimeoutMs);
                Debug.WriteLine(clock.MonotonicMs + " ms: " + count + " bytes from the meter, "
                    + nanoFramework.Runtime.Native.GC.Run(false) + " bytes free");
            }
        }
    }
}

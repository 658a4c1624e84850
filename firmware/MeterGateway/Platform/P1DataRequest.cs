using System.Device.Gpio;

namespace MeterGateway.Platform
{
    /// <summary>
    /// The DSMR P1 Data Request line (RJ12 pin 2) through a high-side switch (hardware/README.md): GPIO high puts
    /// +5 V on the line, which makes the meter send (DSMR 5.0.2 §5.7.1: 4.0–5.5 V, 4–10 mA); GPIO low leaves it
    /// high-impedance, which stops it. The line is never pulled to ground, as §5.7.1 forbids.
    /// </summary>
    public sealed class P1DataRequest
    {
        private readonly GpioPin _pin;

        /// <summary>Claims <paramref name="gpio"/> as an output, released (line high-impedance).</summary>
        public P1DataRequest(GpioController controller, int gpio)
        {
            _pin = controller.OpenPin(gpio, PinMode.Output);
            _pin.Write(PinValue.Low);
        }

        /// <summary>True: +5 V on the line, the meter sends every second (DSMR 5) or ten (DSMR 4, Smarty); false: released.</summary>
        public void Set(bool active)
        {
            _pin.Write(active ? PinValue.High : PinValue.Low);
        }
    }
}

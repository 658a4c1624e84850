using System.Device.Gpio;
using System.Threading;
using MeterGateway.Device;
using MeterGateway.Link;

namespace MeterGateway.Platform
{
    /// <summary>
    /// The status LED on <see cref="PinMap.StatusLed"/>: a timer writes <see cref="StatusLed.IsOn"/> to the pin every
    /// 50 ms. The main loop sets <see cref="State"/> and reports valid frames with <see cref="FrameReceived"/>.
    /// </summary>
    public sealed class StatusLight
    {
        private const int TickMs = 50;

        private readonly object _sync = new object();
        private readonly GpioPin _pin;
        private readonly IClock _clock;
        private readonly Timer _timer;
        private LedState _state = LedState.NoWifi;
        private long _lastFrameMs = -1;

        /// <summary>Drives the LED on <paramref name="gpio"/>; starts showing <see cref="LedState.NoWifi"/>.</summary>
        public StatusLight(GpioController controller, int gpio, IClock clock)
        {
            _pin = controller.OpenPin(gpio, PinMode.Output);
            _clock = clock;
            _timer = new Timer(Tick, null, 0, TickMs);
        }

        /// <summary>What the LED shows.</summary>
        public LedState State
        {
            set { lock (_sync) { _state = value; } }
        }

        /// <summary>A valid frame arrived now (the heartbeat of <see cref="LedState.Running"/>).</summary>
        public void FrameReceived()
        {
            long now = _clock.MonotonicMs;
            lock (_sync) { _lastFrameMs = now; }
        }

        private void Tick(object unused)
        {
            bool on;
            long now = _clock.MonotonicMs;
            lock (_sync) { on = StatusLed.IsOn(_state, now, _lastFrameMs); }
            _pin.Write(on ? PinValue.High : PinValue.Low);
        }
    }
}

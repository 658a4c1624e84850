using System.Diagnostics;
using System.Threading;
using MeterGateway.Device;
using MeterGateway.Link;
using MeterGateway.Outbox;
using nanoFramework.Runtime.Native;

namespace MeterGateway.Platform
{
    /// <summary>
    /// The watchdog: nanoFramework has no managed API for the ESP32's hardware watchdogs, so a periodic timer asks
    /// <see cref="WatchdogPolicy.Check"/> every <see cref="CheckMs"/> (with the broker state, the sets the outbox has
    /// given up and the free managed memory) and restarts the device with <c>Power.RebootDevice()</c> when a rule fires, after leaving the reason in
    /// <c>I:\last_reboot.txt</c> for the next start's status. The check runs on the runtime's timer thread, which the
    /// status LED's timer (<see cref="StatusLight"/>) keeps anyway: between checks the watchdog holds only its timer on the
    /// managed heap, not a thread of its own (docs/firmware.md "Watchdog"). Keep the watchdog referenced: an unreferenced
    /// timer is collected and stops. It catches a stalled main loop, not a hung runtime: that is left to the firmware's
    /// own task watchdog.
    /// </summary>
    public sealed class Esp32Watchdog
    {
        /// <summary>Time between checks, in ms.</summary>
        public const int CheckMs = 10000;

        private readonly WatchdogPolicy _policy;
        private readonly M2MqttConnection _mqtt;
        private readonly IOutboxGauge _outbox;
        private readonly IDeviceInfo _device;
        private readonly IClock _clock;
        private Timer _timer;

        /// <summary>A watchdog applying <paramref name="policy"/> to the box's <paramref name="outbox"/> (or null); call <see cref="Start"/>.</summary>
        public Esp32Watchdog(WatchdogPolicy policy, M2MqttConnection mqtt, IOutboxGauge outbox, IDeviceInfo device, IClock clock)
        {
            _policy = policy;
            _mqtt = mqtt;
            _outbox = outbox;
            _device = device;
            _clock = clock;
        }

        /// <summary>Starts the checks: the first <see cref="CheckMs"/> from now, then every <see cref="CheckMs"/>.</summary>
        public void Start()
        {
            _timer = new Timer(Check, null, CheckMs, CheckMs);
        }

        private void Check(object unused)
        {
            long givenUp = _outbox == null ? -1 : _outbox.Thinned + _outbox.Dropped;
            RebootReason reason = _policy.Check(_clock.MonotonicMs, _mqtt.IsConnected, givenUp, _device.FreeMemory());
            if (reason == RebootReason.None) return;
            string text = WatchdogPolicy.Describe(reason);
            Debug.WriteLine(text + ": restarting");
            Esp32DeviceInfo.RememberRebootReason(text);
            Power.RebootDevice();
        }
    }
}

using System;
using MeterGateway.Link;
using MeterGateway.Readings;
using nanoFramework.Hardware.Esp32;

namespace MeterGateway.Platform
{
    /// <summary>
    /// <see cref="IClock"/> on the ESP32: wall-clock UTC from the RTC that SNTP sets once Wi-Fi is up
    /// (<c>WifiNetworkHelper.ConnectDhcp(.., requiresDateTime: true, ..)</c>), and a monotonic counter from the
    /// esp_timer microseconds since boot (<c>HighResTimer.GetCurrent</c>, nanoFramework.Hardware.Esp32).
    /// </summary>
    public sealed class Esp32Clock : IClock
    {
        /// <summary>Before SNTP the RTC starts at an old date; a year below this means "not set".</summary>
        private const int FirstPlausibleYear = 2024;

        /// <inheritdoc/>
        public long UtcNowSeconds
        {
            get
            {
                DateTime now = DateTime.UtcNow;
                if (now.Year < FirstPlausibleYear) return 0;
                return UnixTime.FromCivil(now.Year, now.Month, now.Day, now.Hour, now.Minute, now.Second);
            }
        }

        /// <inheritdoc/>
        public long MonotonicMs
        {
            get { return (long)(HighResTimer.GetCurrent() / 1000); }
        }
    }
}

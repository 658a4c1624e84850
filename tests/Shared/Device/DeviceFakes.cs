// Portable (nanoFramework) source: no nullable annotations.
#nullable disable
using MeterGateway.Device;
using MeterGateway.Link;

namespace MeterGateway.Tests.Shared.Device
{
    /// <summary>config.ini kept in memory; counts writes and can refuse them like a full flash partition.</summary>
    public sealed class MemoryConfigStore : IConfigStore
    {
        /// <summary>The stored text, or null for no file.</summary>
        public string Text;
        /// <summary>Writes done.</summary>
        public int Writes;
        /// <summary>When true, <see cref="Write"/> throws an IOException.</summary>
        public bool Fail;

        /// <summary>A store holding <paramref name="text"/> (null: no file).</summary>
        public MemoryConfigStore(string text)
        {
            Text = text;
        }

        public string Read() { return Text; }

        public void Write(string text)
        {
            if (Fail) throw new System.IO.IOException("flash full");
            Text = text;
            Writes++;
        }
    }

    /// <summary>A monotonic clock the test moves by hand.</summary>
    public sealed class ManualClock : IClock
    {
        /// <summary>Milliseconds since start.</summary>
        public long Ms;

        public long UtcNowSeconds { get { return 0; } }
        public long MonotonicMs { get { return Ms; } }
    }

    /// <summary>Fixed device facts for status reports.</summary>
    public sealed class FixedDeviceInfo : IDeviceInfo
    {
        public long FreeMemory() { return 41234; }
        public string Firmware { get { return "MeterGateway 1.0 / nanoFramework 1.17"; } }
        public string IpAddress { get { return "192.168.1.20"; } }
        public string LastRebootReason { get { return ""; } }
    }
}

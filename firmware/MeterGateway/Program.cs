using System.Threading;

namespace MeterGateway
{
    /// <summary>The nanoFramework application: wires the portable core to the ESP32 adapters in Platform/.</summary>
    public static class Program
    {
        /// <summary>Entry point; never returns.</summary>
        public static void Main()
        {
            Thread.Sleep(Timeout.Infinite);
        }
    }
}

namespace MeterGateway.NanoBench
{
    /// <summary>nanoFramework: the managed heap after a collection, and the time.</summary>
    public static class Platform
    {
        /// <summary>What the figures are from.</summary>
        public const string Name = "nanoFramework";

        /// <summary>
        /// Free bytes of the managed heap after a full collection (<c>nanoFramework.Runtime.Native.GC.Run</c>; without
        /// compaction, which the Linux nanoCLR does not survive).
        /// </summary>
        public static long FreeAfterCollection()
        {
            return nanoFramework.Runtime.Native.GC.Run(false);
        }

        /// <summary>Bytes allocated so far, or -1 where the runtime does not count them (nanoFramework).</summary>
        public static long Allocated()
        {
            return -1;
        }

        /// <summary>
        /// The class libraries the box's application deploys beside ours (firmware/MeterGateway/packages.config), named here
        /// so that the runtime loads them before <c>Main</c> as it does on the box: their tables and static fields count in
        /// the heap at entry (about 18 KB in the 32-bit runtime, docs/firmware.md "Memory budget"). Never called.
        /// </summary>
        public static object[] BoxLibraries()
        {
            return new object[]
            {
                typeof(nanoFramework.M2Mqtt.MqttClient), typeof(nanoFramework.M2Mqtt.Messages.MqttMsgPublishEventArgs),
                typeof(System.Device.Wifi.WifiAdapter), typeof(nanoFramework.Hardware.Esp32.Configuration),
                typeof(System.IO.Ports.SerialPort), typeof(System.IO.FileStream), typeof(System.Device.Gpio.GpioController),
                typeof(Iot.Device.DhcpServer.DhcpServer), typeof(System.Net.Sockets.Socket), typeof(System.Threading.ManualResetEvent),
                typeof(System.IO.MemoryStream), typeof(System.Text.StringBuilder),
            };
        }

        /// <summary>The box's update policy, made as the box makes it (<c>UpdateSettings.Create</c>, linked from firmware/MeterGateway.Loader/Platform).</summary>
        public static MeterGateway.Update.UpdatePolicy UpdatePolicy()
        {
            return global::MeterGateway.Platform.UpdateSettings.Create();
        }

        /// <summary>Now, in 100 ns ticks.</summary>
        public static long Ticks()
        {
            return System.DateTime.UtcNow.Ticks;
        }
    }
}

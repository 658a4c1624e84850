using System;

namespace MeterGateway.NanoBench
{
    /// <summary>.NET: the run over M2Mqtt is nanoFramework's only (nanoFramework.M2Mqtt is a nanoFramework library).</summary>
    public static class M2MqttRun
    {
        /// <summary>Says so.</summary>
        public static void Run(long memoryPeak, bool smallHeap)
        {
            if (!smallHeap) Console.WriteLine("DSMR 5 gateway over M2Mqtt: nanoFramework only");
        }
    }
}

using System.Reflection;

namespace MeterGateway.Host.Simulation;

/// <summary>The real captures built into the program (Simulation/Captures, see its README.md).</summary>
public static class DemoCaptures
{
    /// <summary>Names and bytes of the built-in DSMR captures, in replay order.</summary>
    public static IReadOnlyList<(string Name, byte[] Bytes)> Dsmr { get; } = Load(
        "se_landisgyr_e360_ell5_a.txt", "se_landisgyr_e360_ell5_b.txt", "dsmr50_nl_iskra_mt382.txt", "emucs171_be_fluvius.txt");

    /// <summary>Names and bytes of the built-in SML capture.</summary>
    public static IReadOnlyList<(string Name, byte[] Bytes)> Sml { get; } = Load("EMH_eHZ-HW8E2A5L0EK2P.bin");

    /// <summary>The built-in IEC 62056-21 exchange: the identification, then the data readout.</summary>
    public static IReadOnlyList<(string Name, byte[] Bytes)> Iec62056 { get; } =
        Load("iskra_mt174_modeC_9600.meter1.bin", "iskra_mt174_modeC_9600.meter2.bin");

    private static IReadOnlyList<(string, byte[])> Load(params string[] names)
    {
        var assembly = Assembly.GetExecutingAssembly();
        return names.Select(name =>
        {
            using var stream = assembly.GetManifestResourceStream("capture/" + name)
                ?? throw new InvalidOperationException("built-in capture missing: " + name);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return (name, copy.ToArray());
        }).ToList();
    }
}

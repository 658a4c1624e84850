using System.CommandLine;
using MeterGateway.Link;
using MeterGateway.Protocols.Ekm;
using MeterGateway.Readings;
using MeterGateway.Simulators;
using MeterGateway.Host.Gateway;
using MeterGateway.Host.Serial;
using MeterGateway.Host.Simulation;

namespace MeterGateway.Host.Cli;

/// <summary>
/// <c>metergateway simulate --protocol dsmr|sml [--port DEVICE | --stdout] [--interval S] [--count N] [FILE…]</c>:
/// a push meter. Writes the frames of the captures (the built-in ones when no FILE is given) to a serial port at the
/// protocol's speed (DSMR 4/5: 115200 8N1, SML: 9600 8N1; <c>--baud 9600 --parity even --data-bits 7</c> for DSMR
/// 2.2/3), one every <c>--interval</c> seconds. DSMR telegrams get the current time in <c>0-0:1.0.0</c> and a
/// recomputed CRC, so each is unique; SML files are sent as captured. With <c>--key HEX [--auth-key HEX]</c> each frame is
/// sent encrypted as a Smarty or Austrian meter does (DLMS general-global-ciphering, frame counter from 1).
/// <c>--protocol iec62056-21 [FILE…]</c> is a meter behind an optical head answering sign-on, identification, option
/// select (switching speed as announced) and programming-mode reads: the first FILE is its identification message,
/// the others its data readout (the built-in Iskra MT174 exchange without FILE).
/// <c>--protocol ekm [--address A] [--meter-version 3|4]</c> is an EKM Omnimeter on the RS-485 bus (9600 7E1) that
/// answers reads and settings commands with correct CRCs and remembers what was set, until stopped.
/// </summary>
public sealed class SimulateCommand : ICliCommand
{
    /// <inheritdoc/>
    public Command Create()
    {
        var protocol = new Option<string>("--protocol", "-p") { Description = "Meter protocol to simulate: dsmr, sml, iec62056-21 or ekm", DefaultValueFactory = _ => ProtocolCatalog.Dsmr };
        var address = new Option<string>("--address") { Description = "EKM: the simulated meter's address (up to 12 digits); several separated by commas for several meters on one bus", DefaultValueFactory = _ => "300001162" };
        var meterVersion = new Option<int>("--meter-version") { Description = "EKM: 3 or 4", DefaultValueFactory = _ => 4 };
        var port = new Option<string?>("--port") { Description = "Serial device to write to (one end of a null-modem or pty pair)" };
        var stdout = new Option<bool>("--stdout") { Description = "Write the frames to standard output instead of a port" };
        var interval = new Option<double>("--interval") { Description = "Seconds between frames", DefaultValueFactory = _ => 1.0 };
        var count = new Option<int>("--count") { Description = "Frames to send, 0 = until stopped", DefaultValueFactory = _ => 0 };
        var baud = new Option<int?>("--baud") { Description = "Serial speed (default: the protocol's, 115200 for DSMR, 9600 for SML)" };
        var parity = new Option<string>("--parity") { Description = "none, even or odd", DefaultValueFactory = _ => "none" };
        var dataBits = new Option<int>("--data-bits") { Description = "7 or 8", DefaultValueFactory = _ => 8 };
        var key = new Option<string>("--key") { Description = "Encrypt each frame with this AES-128 key (32 hex digits), as an encrypted P1 port (Smarty, Austria)" };
        var authKey = new Option<string>("--auth-key") { Description = "DLMS authentication key for --key (32 hex digits); default the Smarty one" };
        var files = new Argument<string[]>("FILE") { Description = "Captures to replay (default: the built-in real captures)", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("simulate", "Act as a meter: replay captured frames to a serial port or standard output");
        foreach (var option in new Option[] { protocol, port, stdout, interval, count, baud, parity, dataBits, address, meterVersion, key, authKey }) command.Options.Add(option);
        command.Arguments.Add(files);
        command.SetAction((result, cancel) => result.GetValue(protocol) switch
        {
            ProtocolCatalog.Ekm => Task.FromResult(RunEkm(result.GetValue(port), result.GetValue(address)!, result.GetValue(meterVersion), cancel)),
            ProtocolCatalog.Iec62056 => Task.FromResult(RunIec62056(result.GetValue(port), result.GetValue(files) ?? Array.Empty<string>(), cancel)),
            _ => RunAsync(
            result.GetValue(protocol)!, result.GetValue(port), result.GetValue(stdout), result.GetValue(interval),
            result.GetValue(count), result.GetValue(baud), ParseParity(result.GetValue(parity)!), result.GetValue(dataBits),
            result.GetValue(files) ?? Array.Empty<string>(), KeyOption.Parse(result.GetValue(key), "--key"),
            KeyOption.Parse(result.GetValue(authKey), "--auth-key"), cancel),
        });
        return command;
    }

    private static async Task<int> RunAsync(string protocol, string? port, bool toStdout, double interval, int count,
        int? baud, LinkParity parity, int dataBits, string[] files, byte[]? key, byte[]? authKey, CancellationToken cancel)
    {
        if (authKey != null && key == null) throw new UsageException("--auth-key: needs --key");
        if ((port == null) == !toStdout) throw new UsageException("give exactly one of --port DEVICE and --stdout");
        if (interval <= 0 || interval > 3600) throw new UsageException($"--interval {interval}: must be between 0 and 3600 seconds");
        if (count < 0) throw new UsageException($"--count {count}: must be 0 or more");
        if (dataBits is not (7 or 8)) throw new UsageException($"--data-bits {dataBits}: must be 7 or 8");
        var source = CreateSource(protocol, files);
        if (key != null) source = new EncryptedPushSource(source, key, authKey ?? MeterGateway.Protocols.Dlms.GeneralGlobalCiphering.SmartyAuthenticationKey());

        using var link = port != null ? new SerialMeterLink(port) : null;
        using var output = toStdout ? Console.OpenStandardOutput() : null;
        link?.Open(baud ?? DefaultBaud(protocol), parity, dataBits);
        Console.Error.WriteLine($"simulating a {protocol} meter: {source.Count} frame(s), one every {interval} s, to {port ?? "standard output"}");
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(interval));
        var schedule = new TelegramSchedule(TimeSpan.FromSeconds(interval));
        for (int sent = 0; count == 0 || sent < count; sent++)
        {
            var (name, buffer, length) = source.Next(schedule.Next(DateTimeOffset.UtcNow));
            if (link != null) link.Write(buffer, 0, length);
            else { output!.Write(buffer, 0, length); output.Flush(); }
            Console.Error.WriteLine($"sent frame {sent + 1} ({name}, {length} bytes)");
            if (count != 0 && sent + 1 == count) break;
            try
            {
                await timer.WaitForNextTickAsync(cancel);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        return ExitCodes.Ok;
    }

    // An IEC 62056-21 meter answering on the port until stopped.
    private static int RunIec62056(string? port, string[] files, CancellationToken cancel)
    {
        if (port == null) throw new UsageException("--protocol iec62056-21 needs --port DEVICE (the meter answers requests)");
        var messages = files.Length == 0
            ? DemoCaptures.Iec62056.Select(c => c.Bytes).ToArray()
            : files.Select(ParseCommand.ReadInput).ToArray();
        if (messages.Length < 2) throw new UsageException("--protocol iec62056-21 needs two or more FILEs: the identification, then the readout");
        var meter = new Iec62056MeterSimulator(new Iec62056MeterScript { Identification = messages[0], Readout = messages[1..] });
        Console.Error.WriteLine($"simulating an IEC 62056-21 meter on {port}: identification {messages[0].Length} bytes, readout {messages[1..].Sum(m => m.Length)} bytes");
        MeterSimulatorPump.Run(meter, new SerialMeterLink(port), new HostClock(), cancel);
        return ExitCodes.Ok;
    }

    // EKM meters answering on the port until stopped: one per address of the comma-separated list, all on one bus.
    // The k-th meter (k = 0, 1, …) reads k × 10000.0 kWh more on kWh_Tot and k × 1000.0 kWh more on each kWh_Ln_n, so
    // that several meters' values can be told apart.
    private static int RunEkm(string? port, string addresses, int version, CancellationToken cancel)
    {
        if (port == null) throw new UsageException("--protocol ekm needs --port DEVICE (the meter answers requests)");
        if (version is not (3 or 4)) throw new UsageException($"--meter-version {version}: must be 3 or 4");
        string[] list = addresses.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (list.Length == 0) throw new UsageException("--address: give one address, or several separated by commas");
        var bus = new EkmBusSimulator(list.Length);
        for (int k = 0; k < list.Length; k++)
        {
            EkmMeterSimulator meter;
            try
            {
                meter = new EkmMeterSimulator(version == 3 ? EkmMeterVersion.V3 : EkmMeterVersion.V4, list[k]);
            }
            catch (EkmSettingException e)
            {
                throw new UsageException("--address " + e.Message);
            }
            if (k > 0)
            {
                meter.Set(EkmFieldId.kWh_Tot, 123456 + 100000L * k);
                meter.Set(EkmFieldId.kWh_Ln_1, 41152 + 10000L * k);
                meter.Set(EkmFieldId.kWh_Ln_2, 41152 + 10000L * k);
                meter.Set(EkmFieldId.kWh_Ln_3, 41152 + 10000L * k);
            }
            bus.Add(meter);
        }
        using var link = new SerialMeterLink(port);
        link.Open(EkmClient.BaudRate, EkmClient.Parity, EkmClient.DataBits);
        for (int k = 0; k < bus.Count; k++)
            Console.Error.WriteLine($"simulating an EKM Omnimeter v{version} at address {Ascii.ToString(bus.Meter(k).Address, 0, bus.Meter(k).Address.Length)} on {port} (9600 7E1)");
        while (!cancel.IsCancellationRequested) bus.Serve(link, 200);
        return ExitCodes.Ok;
    }

    /// <summary>The frames to replay for a protocol: from the files, or the built-in captures when none are given.</summary>
    public static IPushSource CreateSource(string protocol, IReadOnlyCollection<string> files)
    {
        IReadOnlyList<(string, byte[])> Read(IReadOnlyList<(string, byte[])> builtIn) =>
            files.Count == 0 ? builtIn : files.Select(f => (Path.GetFileName(f), ParseCommand.ReadInput(f))).ToList();
        return protocol switch
        {
            ProtocolCatalog.Dsmr => new DsmrTelegramSource(Read(DemoCaptures.Dsmr)),
            ProtocolCatalog.Sml => new SmlFileSource(Read(DemoCaptures.Sml)),
            _ => throw new UsageException($"--protocol {protocol}: simulate supports dsmr and sml"),
        };
    }

    /// <summary>The protocol's serial speed: DSMR 4/5 115200 (DSMR 5.0.2 §6.1), SML 9600 (eHZ push).</summary>
    public static int DefaultBaud(string protocol) => protocol == ProtocolCatalog.Sml ? 9600 : 115200;

    /// <summary>Parses none/even/odd.</summary>
    public static LinkParity ParseParity(string text) => text.ToLowerInvariant() switch
    {
        "none" or "n" => LinkParity.None,
        "even" or "e" => LinkParity.Even,
        "odd" or "o" => LinkParity.Odd,
        _ => throw new UsageException($"--parity {text}: must be none, even or odd"),
    };
}

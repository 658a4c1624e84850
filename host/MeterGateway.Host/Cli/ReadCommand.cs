using System.CommandLine;
using MeterGateway.Protocols.Ekm;
using MeterGateway.Protocols.Iec62056;
using MeterGateway.Host.Gateway;
using MeterGateway.Host.Serial;
using MeterGateway.Host.Storage;

namespace MeterGateway.Host.Cli;

/// <summary>
/// <c>metergateway read --protocol P --port DEVICE [--address A] [--baud MAX] [--mode A|B|C|D] [--register OBIS…]
/// [--password P] [--wakeup] [--meter-version 3|4] [--db FILE] [--csv FILE] [--language L] [--format json|xml]</c>: one read of a meter on a
/// serial port, printed as the JSON lines of <c>parse</c> (<see cref="ReadOutput"/>) or, for EKM with <c>--format xml</c>, as an
/// XML document with an element per EKM field (<see cref="EkmReadXml"/>), and appended to a CSV file when asked. Exit 0 when a valid frame was read, 1
/// when none was, 2 on a usage error. A protocol is one case of <see cref="Run"/> and one reader class
/// (<see cref="Iec62056Reader"/> for IEC 62056-21, <see cref="EkmReader"/> for EKM Omnimeters, whose reads
/// <c>--db</c> also stores in SQLite).
/// </summary>
public sealed class ReadCommand : ICliCommand
{
    /// <summary>The protocols <c>read</c> can talk (request/response or push over a serial port).</summary>
    public static readonly string[] Names = { ProtocolCatalog.Iec62056, ProtocolCatalog.Ekm };

    /// <summary>What the command line asked for.</summary>
    public sealed record Request(string Protocol, string Port, string? Address, int? MaxBaud, string? Mode, string[] Registers, string? Password, bool WakeUp, string? Csv,
        int? MeterVersion = null, string? Db = null, string? Language = null, string Format = "json");

    /// <inheritdoc/>
    public Command Create()
    {
        var protocol = new Option<string>("--protocol", "-p") { Description = "Meter protocol: " + string.Join(", ", Names), Required = true };
        var port = new Option<string>("--port") { Description = "Serial device of the optical head or adapter (/dev/ttyUSB0, COM3)", Required = true };
        var address = new Option<string?>("--address") { Description = "IEC: device address for the request /?ADDRESS! (default: /?!, any meter); EKM: the 12-digit meter address (default 999999999999, the only meter on the line)" };
        var baud = new Option<int?>("--baud") { Description = "Highest baud rate to select in mode C (300..19200)" };
        var mode = new Option<string?>("--mode") { Description = "Protocol mode A, B, C or D (default: from the meter's identification)" };
        var register = new Option<string[]>("--register") { Description = "Register(s) to read in programming mode (1.8.0, 1-0:2.8.0, C.1.0)", AllowMultipleArgumentsPerToken = true };
        var password = new Option<string?>("--password") { Description = "Password (P1) for programming mode" };
        var wakeUp = new Option<bool>("--wakeup") { Description = "Send NUL characters first to wake a battery-powered meter" };
        var meterVersion = new Option<int?>("--meter-version") { Description = "EKM: Omnimeter generation 3 or 4 (default: found by a v4 request, then a v3 one)" };
        var db = new Option<string?>("--db") { Description = "EKM: also store the read in this SQLite file (see export)" };
        var csv = new Option<string?>("--csv") { Description = "Append one row per reading to this CSV file (time, meter, OBIS, name, value, unit, manufacturer, model)" };
        var language = LanguageOption.Create();
        var format = new Option<string>("--format") { Description = "json (one line per frame) or, for EKM, xml (one element per EKM field)", DefaultValueFactory = _ => "json" };
        var command = new Command("read", "Read a meter once over a serial port and print one JSON line per frame");
        foreach (Option option in new Option[] { protocol, port, address, baud, mode, register, password, wakeUp, meterVersion, db, csv, language, format }) command.Options.Add(option);
        command.SetAction(result => Run(new Request(
            result.GetValue(protocol)!, result.GetValue(port)!, result.GetValue(address), result.GetValue(baud), result.GetValue(mode),
            result.GetValue(register) ?? Array.Empty<string>(), result.GetValue(password), result.GetValue(wakeUp), result.GetValue(csv),
            result.GetValue(meterVersion), result.GetValue(db), result.GetValue(language), result.GetValue(format)!)));
        return command;
    }

    /// <summary>Validates the request, opens the port through the protocol's reader and returns the exit code.</summary>
    public static int Run(Request request)
    {
        if (request.Format is not ("json" or "xml")) throw new UsageException($"--format {request.Format}: json or xml");
        bool xml = request.Format == "xml";
        var output = new ReadOutput(request.Protocol, xml ? TextWriter.Null : Console.Out, request.Csv, LanguageOption.Parse(request.Language));
        if (request.Protocol != ProtocolCatalog.Ekm && (request.MeterVersion != null || request.Db != null || xml))
        {
            throw new UsageException("--meter-version, --db and --format xml: only with --protocol ekm");
        }
        switch (request.Protocol)
        {
            case ProtocolCatalog.Ekm:
                var meter = new EkmReader.Settings(request.Address ?? EkmRequests.AnyMeter, request.MeterVersion == null ? null : EkmVersion(request.MeterVersion),
                    xml ? Console.Out : null);
                try
                {
                    EkmRequests.Address(meter.Address);
                }
                catch (EkmSettingException e)
                {
                    throw new UsageException("--address: " + e.Message);
                }
                using (var store = request.Db != null ? new EkmReadStore(request.Db) : null)
                using (var link = new SerialMeterLink(request.Port))
                {
                    return EkmReader.Read(meter, link, output, store, Console.Error);
                }
            case ProtocolCatalog.Iec62056:
                var settings = new Iec62056Reader.Settings(request.Address, ValidBaud(request.MaxBaud), ParseMode(request.Mode),
                    request.Registers, request.Password, request.WakeUp);
                if (settings.Registers.Length > 0 && settings.Mode is Iec62056Mode.A or Iec62056Mode.B or Iec62056Mode.D)
                {
                    throw new UsageException($"--register needs programming mode, which mode {settings.Mode} does not have (use --mode C or leave it out)");
                }
                using (var link = new SerialMeterLink(request.Port))
                {
                    return Iec62056Reader.Read(settings, link, new HostClock(), output, Console.Error);
                }
            default:
                throw new UsageException($"--protocol {request.Protocol}: read supports {string.Join(", ", Names)}");
        }
    }

    private static int? ValidBaud(int? baud)
    {
        if (baud is null or (>= 300 and <= 19200)) return baud;
        throw new UsageException($"--baud {baud}: not between 300 and 19200");
    }

    private static EkmMeterVersion EkmVersion(int? version) => version switch
    {
        null or 4 => EkmMeterVersion.V4,
        3 => EkmMeterVersion.V3,
        _ => throw new UsageException($"--meter-version {version}: 3 or 4"),
    };

    private static Iec62056Mode ParseMode(string? mode) => mode?.ToUpperInvariant() switch
    {
        null => Iec62056Mode.Auto,
        "A" => Iec62056Mode.A,
        "B" => Iec62056Mode.B,
        "C" => Iec62056Mode.C,
        "D" => Iec62056Mode.D,
        _ => throw new UsageException($"--mode {mode}: not one of A, B, C, D"),
    };
}

using System.CommandLine;
using MeterGateway.Config;
using MeterGateway.Gateway;
using MeterGateway.Protocols;
using MeterGateway.Protocols.Iec62056;
using MeterGateway.Publishing;
using MeterGateway.Readings;
using MeterGateway.Host.Gateway;

namespace MeterGateway.Host.Cli;

/// <summary>
/// <c>metergateway dry-run --protocol P [-c config.ini] FILE|-</c>: prints, one JSON object per line, every MQTT
/// message <c>run</c> would publish for the frames of a capture: <c>{"topic":"…","payload":"…","qos":1,"retain":false}</c>,
/// the payload being the exact text published. The configuration's decryption key, timestamp rule, OBIS selection and
/// Domoticz devices apply as in <c>run</c>; its interval does not (a capture has no timing). Rejected frames publish
/// nothing and are reported on standard error. Exit 0 when a valid frame was found, 1 when none was, 2 on a usage error.
/// </summary>
public sealed class DryRunCommand : ICliCommand
{
    /// <inheritdoc/>
    public Command Create()
    {
        var protocol = new Option<string>("--protocol", "-p") { Description = "Meter protocol: " + string.Join(", ", ProtocolCatalog.Names), Required = true };
        var config = new Option<string?>("--config", "-c") { Description = "Configuration file (default: the built-in defaults)" };
        var file = new Argument<string>("FILE") { Description = "Capture file, or - for standard input" };
        var command = new Command("dry-run", "Print the MQTT messages 'run' would publish for a capture, without a broker");
        command.Options.Add(protocol);
        command.Options.Add(config);
        command.Arguments.Add(file);
        command.SetAction(result =>
        {
            string? path = result.GetValue(config);
            GatewayConfig cfg = path != null ? RunCommand.LoadConfig(path) : new GatewayConfig();
            var decoder = ProtocolCatalog.CreateDecoder(result.GetValue(protocol)!, ProtocolCatalog.OptionsFrom(cfg));
            var selection = Selections.Load(cfg, path != null ? Path.GetDirectoryName(Path.GetFullPath(path))! : Directory.GetCurrentDirectory());
            return Run(cfg, decoder, ParseCommand.ReadInput(result.GetValue(file)!), Console.Out, Console.Error, selection);
        });
        return command;
    }

    /// <summary>
    /// Decodes <paramref name="data"/> and writes one JSON line per message (the VSCP events of the readings that
    /// <paramref name="selection"/> keeps, then the Domoticz updates of the whole set); returns the exit code.
    /// </summary>
    public static int Run(GatewayConfig config, IFrameDecoder decoder, byte[] data, TextWriter output, TextWriter errors, ObisSelection? selection = null)
    {
        var builder = new MessageBuilder(config.Messages, HostIdentity.Mac(), new HostClock());
        IMessageSource? domoticz = config.Domoticz.IsConfigured ? new DomoticzMessages(config.Domoticz, config.Messages.Qos) : null;
        var set = new ReadingSet();
        var json = new JsonWriter(1 << 16);
        int valid = 0, used = 0;
        void Frame()
        {
            if (decoder.Result != FrameResult.Valid || !decoder.Parse(set))
            {
                errors.WriteLine($"metergateway: frame rejected ({decoder.Error}): {decoder.ErrorText}; nothing would be published");
                return;
            }
            valid++;
            int extra = domoticz?.Build(set) ?? 0;
            selection?.Apply(set);
            Write(builder, builder.Build(set), json, output);
            if (domoticz != null) Write(domoticz, extra, json, output);
        }
        while (used < data.Length)
        {
            used += decoder.Feed(data, used, data.Length - used);
            if (decoder.Result != FrameResult.None) Frame();
        }
        // A readout that ends with the input (an IEC 62056-21 message that may still get an ETX) ends there, as in parse.
        if (decoder is Iec62056Decoder iec && iec.Flush() != FrameResult.None) Frame();
        return valid > 0 ? ExitCodes.Ok : ExitCodes.Failed;
    }

    private static void Write(IMessageSource source, int count, JsonWriter json, TextWriter output)
    {
        for (int i = 0; i < count; i++)
        {
            int length = source.WritePayload(i);
            json.Reset();
            json.Raw('{');
            json.Name("topic", true);
            json.String(source.Topic(i));
            json.Name("payload", false);
            json.String(source.PayloadBuffer, 0, length);
            json.Name("qos", false);
            json.Number(source.Qos(i));
            json.Name("retain", false);
            json.Bool(source.Retain(i));
            json.Raw('}');
            output.WriteLine(System.Text.Encoding.UTF8.GetString(json.Buffer, json.Start, json.Length));
        }
    }
}

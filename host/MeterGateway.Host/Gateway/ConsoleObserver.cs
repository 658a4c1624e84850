using System.Text;
using MeterGateway.Gateway;
using MeterGateway.Protocols;
using MeterGateway.Readings;

namespace MeterGateway.Host.Gateway;

/// <summary>
/// Terminal output of <c>metergateway run</c>: one line per reading set and per problem; with <c>-v</c> every
/// published message; with <c>-d</c> every reading of every set, with its name in <c>[GENERAL] language</c>.
/// </summary>
public sealed class ConsoleObserver : IGatewayObserver
{
    private readonly TextWriter _out;
    private readonly bool _verbose;
    private readonly bool _debug;
    private readonly NameLanguage _language;
    private int _messages;
    private int _failed;

    /// <summary>An observer writing to <paramref name="output"/>.</summary>
    public ConsoleObserver(TextWriter output, bool verbose, bool debug, NameLanguage language = NameLanguage.English)
    {
        _language = language;
        _out = output;
        _verbose = verbose;
        _debug = debug;
    }

    /// <inheritdoc/>
    public void FrameRejected(FrameError error, string reason) =>
        _out.WriteLine($"{Now} rejected frame ({error}): {reason}");

    /// <inheritdoc/>
    public void SetReceived(ReadingSet readings)
    {
        Flush();
        string header = readings.HeaderLength > 0 ? readings.GetText(readings.HeaderOffset, readings.HeaderLength) : "meter";
        string time = readings.FrameTime != ReadingSet.NoTime ? UnixTime.ToIso(readings.FrameTime) : "no meter time";
        _out.WriteLine($"{Now} frame from {header}: {readings.ReadingCount} readings, meter time {time}");
        if (!_debug) return;
        var json = new JsonWriter(1 << 16);
        for (int r = 0; r < readings.ReadingCount; r++)
        {
            json.Reset();
            ReadingJson.WriteReading(json, readings, r, _language);
            _out.WriteLine("    " + Encoding.UTF8.GetString(json.Buffer, json.Start, json.Length));
        }
    }

    /// <inheritdoc/>
    public void MessagePublished(string topic, byte[] payload, int offset, int count, bool acknowledged)
    {
        _messages++;
        if (!acknowledged) _failed++;
        if (_verbose) _out.WriteLine($"    {(acknowledged ? "published" : "NOT ACKNOWLEDGED")} {topic} {Encoding.UTF8.GetString(payload, offset, count)}");
    }

    /// <inheritdoc/>
    public void ConnectionChanged(bool connected, string detail) =>
        _out.WriteLine($"{Now} broker {(connected ? "connected" : "disconnected")}: {detail}");

    /// <summary>Prints the count of messages of the last set.</summary>
    public void Flush()
    {
        if (_messages == 0) return;
        _out.WriteLine($"    {_messages - _failed} message(s) published" + (_failed > 0 ? $", {_failed} not acknowledged" : ""));
        _messages = 0;
        _failed = 0;
    }

    private static string Now => DateTime.UtcNow.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
}

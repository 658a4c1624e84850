using System.Text.Json;
using MeterGateway.Protocols.Iec62056;
using MeterGateway.Readings;
using MeterGateway.Simulators;

namespace MeterGateway.Tests.Iec62056;

/// <summary>One event of a session run, with the reading set as JSON when it holds readings, and its count of readings.</summary>
public sealed record SessionEvent(Iec62056ClientEvent Event, Iec62056Error Error, string? ErrorText, string? Json, long TimeMs, int Attempt, int ReadingCount);

/// <summary>A client wired to a scripted meter through a recording, virtual-time link.</summary>
public sealed class Session
{
    public const int MaxPolls = 2_000_000;

    public Session(Iec62056MeterScript script, Iec62056ClientOptions options, bool echo = false, Func<ISimulatedMeter, ISimulatedMeter>? wrap = null)
    {
        Meter = new Iec62056MeterSimulator(script);
        Wrapped = wrap == null ? Meter : wrap(Meter);
        Line = new SimulatedSerialLine(Wrapped) { Echo = echo };
        Link = new RecordingLink(Line);
        Readings = new ReadingSet(1024, 2048, 32768);
        Client = new Iec62056Client(Link, Line, options, Readings);
    }

    public Iec62056MeterSimulator Meter { get; }
    /// <summary>What the line talks to: the meter, or the wrapper put around it.</summary>
    public ISimulatedMeter Wrapped { get; }
    public SimulatedSerialLine Line { get; }
    public RecordingLink Link { get; }
    public ReadingSet Readings { get; }
    public Iec62056Client Client { get; }

    /// <summary>Starts a session and polls until the client is idle; fails the test if it does not get there.</summary>
    public List<SessionEvent> Run()
    {
        Client.Start();
        return PollWhile(() => Client.IsBusy);
    }

    /// <summary>Polls while <paramref name="condition"/> holds (at most <see cref="MaxPolls"/> times).</summary>
    public List<SessionEvent> PollWhile(Func<bool> condition)
    {
        var events = new List<SessionEvent>();
        int polls = 0;
        while (condition())
        {
            Xunit.Assert.True(++polls < MaxPolls, "the session did not end: " + string.Join(",", events.Select(e => e.Event)));
            Iec62056ClientEvent e = Client.Poll();
            if (e == Iec62056ClientEvent.None) continue;
            string? json = e is Iec62056ClientEvent.Readout or Iec62056ClientEvent.Register ? Json(Readings) : null;
            events.Add(new SessionEvent(e, Client.Error, Client.ErrorText, json, Line.MonotonicMs, Client.Attempt, Readings.ReadingCount));
        }
        return events;
    }

    /// <summary>The reading set as the JSON line <c>parse</c> and <c>read</c> print.</summary>
    public static string Json(ReadingSet set, bool valid = true, string? error = null)
    {
        var writer = new JsonWriter(1 << 20);
        ReadingJson.Write(writer, "iec62056-21", valid, error, set);
        return System.Text.Encoding.UTF8.GetString(writer.Buffer, writer.Start, writer.Length);
    }

    /// <summary>The script of a corpus exchange: meter1.bin answers the sign-on, the further meterN.bin files are the readout.</summary>
    public static Iec62056MeterScript Script(string exchange, Iec62056Mode mode = Iec62056Mode.Auto)
    {
        var files = Directory.GetFiles(Corpus.Folder("iec62056-21"), exchange + ".meter*.bin").OrderBy(f => f, StringComparer.Ordinal).ToList();
        var script = new Iec62056MeterScript { Mode = mode };
        if (mode == Iec62056Mode.D)
        {
            script.Readout = files.Select(File.ReadAllBytes).ToArray();
            return script;
        }
        script.Identification = File.ReadAllBytes(files[0]);
        script.Readout = files.Skip(1).Select(File.ReadAllBytes).ToArray();
        return script;
    }
}

/// <summary>Looks readings up in a JSON line of <see cref="ReadingJson"/>.</summary>
public static class JsonReadings
{
    public static JsonElement Root(string json) => JsonDocument.Parse(json).RootElement;

    /// <summary>The reading with this OBIS code (its text as <see cref="Obis.ToText"/> writes it).</summary>
    public static JsonElement Reading(string json, string obis)
    {
        var matches = Root(json).GetProperty("readings").EnumerateArray().Where(r => r.GetProperty("obis").GetString() == obis).ToList();
        Xunit.Assert.True(matches.Count == 1, $"{matches.Count} readings {obis}");
        return matches[0];
    }

    /// <summary>"value unit" of a reading's measurement, exactly as written in the JSON (<c>6334.294 kWh</c>).</summary>
    public static string Value(string json, string obis)
    {
        JsonElement r = Reading(json, obis);
        string value = r.TryGetProperty("value", out var v) ? v.GetRawText() : r.GetProperty("text").GetString()!;
        return r.TryGetProperty("unit", out var u) ? value + " " + u.GetString() : value;
    }

    /// <summary>Every value of a reading: numbers as "digits unit", texts as they are.</summary>
    public static List<string> Values(string json, string obis)
    {
        JsonElement r = Reading(json, obis);
        if (!r.TryGetProperty("values", out var values)) return new List<string> { Value(json, obis) };
        return values.EnumerateArray().Select(v =>
            v.TryGetProperty("value", out var x)
                ? (v.TryGetProperty("unit", out var u) ? x.GetRawText() + " " + u.GetString() : x.GetRawText())
                : v.GetProperty("text").GetString()!).ToList();
    }

    public static int Count(string json) => Root(json).GetProperty("readings").GetArrayLength();

    public static string Header(string json) => Root(json).GetProperty("header").GetString()!;
}

using System.Diagnostics;
using System.Text;
using System.Text.Json;
using MeterGateway.Config;
using MeterGateway.Protocols.Dsmr;
using MeterGateway.Publishing;
using MeterGateway.Readings;
using MeterGateway.Tests.Fixtures;
using MeterGateway.Tests.Shared;
using Xunit;

namespace MeterGateway.Tests.Docs
{
    /// <summary>
    /// docs/node-red/flow.json: a flow Node-RED imports (every wire and reference points at a node of the file, the
    /// event subscription delivers parsed JSON objects as node-red-contrib-vscp's event2value needs), and its function
    /// node decodes the events the gateway really publishes, in each event class, to the telegram's values.
    /// </summary>
    public class NodeRedFlowTests
    {
        private static readonly string FlowPath = Path.Combine(RepositoryRoot(), "docs", "node-red", "flow.json");

        [Fact]
        public void EveryWireAndReferencePointsAtANodeOfTheFlow()
        {
            using JsonDocument flow = JsonDocument.Parse(File.ReadAllText(FlowPath));
            JsonElement[] nodes = flow.RootElement.EnumerateArray().ToArray();
            var ids = nodes.Select(n => n.GetProperty("id").GetString()!).ToList();
            Xunit.Assert.Equal(ids.Count, ids.Distinct().Count());
            string tab = nodes.Single(n => n.GetProperty("type").GetString() == "tab").GetProperty("id").GetString()!;

            foreach (JsonElement node in nodes)
            {
                string type = node.GetProperty("type").GetString()!;
                if (node.TryGetProperty("z", out JsonElement z)) Xunit.Assert.Equal(tab, z.GetString());
                if (node.TryGetProperty("wires", out JsonElement wires))
                {
                    foreach (JsonElement output in wires.EnumerateArray())
                        foreach (JsonElement target in output.EnumerateArray())
                            Xunit.Assert.Contains(target.GetString(), ids);
                    if (node.TryGetProperty("outputs", out JsonElement outputs) && type == "function")
                        Xunit.Assert.Equal(outputs.GetInt32(), wires.GetArrayLength());
                }
                // config references: MQTT nodes → broker, dashboard widgets → group, group → dashboard tab
                string? reference = type.StartsWith("mqtt ") ? "broker" : type == "ui_group" ? "tab" : type.StartsWith("ui_") && type != "ui_tab" ? "group" : null;
                if (reference != null) Xunit.Assert.Contains(node.GetProperty(reference).GetString(), ids);
            }

            JsonElement events = nodes.Single(n => n.GetProperty("type").GetString() == "mqtt in" && n.GetProperty("topic").GetString() == "vscp/#");
            Xunit.Assert.Equal("json", events.GetProperty("datatype").GetString());
            string[] fed = events.GetProperty("wires")[0].EnumerateArray().Select(w => w.GetString()!).ToArray();
            Xunit.Assert.Contains(fed, id => nodes.Single(n => n.GetProperty("id").GetString() == id).GetProperty("type").GetString() == "event2value");
            Xunit.Assert.Contains(fed, id => nodes.Single(n => n.GetProperty("id").GetString() == id).GetProperty("type").GetString() == "function");
            Xunit.Assert.Equal("json", nodes.Single(n => n.GetProperty("type").GetString() == "mqtt in" && n.GetProperty("topic").GetString() == "metergateway/+/reply")
                .GetProperty("datatype").GetString());
        }

        /// <summary>The function node, run by Node.js on the gateway's own events of the DSMR 4.2 sample telegram.</summary>
        [SkippableTheory]
        [InlineData("1040")]
        [InlineData("1060")]
        [InlineData("10")]
        public void TheFunctionDecodesTheGatewaysEvents(string eventClass)
        {
            string? node = ExternalTool.Find("node");
            Skip.If(node == null, "node (Node.js) is not installed");

            GatewayConfig config = GatewayConfig.Load("[VSCP]\nevent_class = " + eventClass + "\n");
            byte[] telegram = Corpus.Bytes("dsmr", "dsmr42_nl_iskra_mt382_openhab.txt");
            DsmrDecoder decoder = new DsmrDecoder();
            ReadingSet readings = new ReadingSet();
            decoder.Feed(telegram, 0, telegram.Length);
            Xunit.Assert.True(decoder.Parse(readings));
            MessageBuilder builder = new MessageBuilder(config.Messages, TestReadings.Mac(), new FixedClock(0, 27));
            int count = builder.Build(readings);
            Xunit.Assert.Equal(18, count);   // as `metergateway dry-run` publishes for this telegram
            var events = new StringBuilder();
            for (int i = 0; i < count; i++)
            {
                int length = builder.WritePayload(i);
                events.Append(Encoding.UTF8.GetString(builder.PayloadBuffer, 0, length)).Append('\n');
            }

            using var folder = new TempFolder();
            string eventsFile = Path.Combine(folder.Path, "events.jsonl");
            File.WriteAllText(eventsFile, events.ToString());
            string script = Path.Combine(folder.Path, "run.js");
            File.WriteAllText(script,
                "const fs = require('fs');\n"
                + "const fn = JSON.parse(fs.readFileSync(process.argv[2], 'utf8')).find(n => n.type === 'function');\n"
                + "const decode = new Function('msg', 'Buffer', fn.func);\n"
                + "for (const line of fs.readFileSync(process.argv[3], 'utf8').trim().split('\\n')) {\n"
                + "  const event = JSON.parse(line);\n"
                + "  const [value, power] = decode({ payload: event }, Buffer);\n"
                + "  console.log([value.topic, String(value.payload), String(event.measurement.value), value.unit, power ? String(power.payload) : ''].join('|'));\n"
                + "}\n");
            var start = new ProcessStartInfo(node!) { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(script);
            start.ArgumentList.Add(FlowPath);
            start.ArgumentList.Add(eventsFile);
            using Process run = Process.Start(start)!;
            string output = run.StandardOutput.ReadToEnd();
            string errors = run.StandardError.ReadToEnd();
            Xunit.Assert.True(run.WaitForExit(30000));
            Xunit.Assert.True(run.ExitCode == 0, errors);

            string[] lines = output.Trim().Split('\n');
            Xunit.Assert.Equal(count, lines.Length);
            foreach (string line in lines)
            {
                string[] f = line.Split('|');
                Xunit.Assert.Equal(f[2], f[1]);   // decoded from vscpData = the event's own measurement value
            }
            // the telegram's values (dsmr_42.telegram: 1-0:1.8.1(123456.789*kWh), 1-0:1.7.0(01.193*kW))
            Xunit.Assert.Contains("Meter reading active energy out tariff 1|123456.789|123456.789|1|", lines);
            Xunit.Assert.Contains("Active effect out|1193|1193|0|1193", lines);
        }

        private static string RepositoryRoot()
        {
            DirectoryInfo? dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "MeterGateway.sln"))) dir = dir.Parent;
            Xunit.Assert.NotNull(dir);
            return dir!.FullName;
        }
    }
}

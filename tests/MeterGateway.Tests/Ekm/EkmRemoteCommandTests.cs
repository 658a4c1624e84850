using System.Text;
using System.Text.Json;
using MeterGateway.Config;
using MeterGateway.Host.Gateway;
using MeterGateway.Tests.Shared.Health;
using MeterGateway.Tests.Shared.Outbox;
using Xunit;

namespace MeterGateway.Tests.Ekm;

/// <summary>
/// <see cref="EkmRemoteCommands.Handle"/> on text from the broker that is not what a command should be (issue 16): a
/// JSON string holding a lone UTF-16 surrogate (<c>\ud800</c>) or bytes that are not UTF-8 must get a "not JSON"
/// reply, never an exception. None of these reach the meter, so no serial link is needed.
/// </summary>
public class EkmRemoteCommandTests
{
    private const string Admin = "a-long-admin-token";

    private static EkmRemoteCommands Commands(bool enabled) => new(
        GatewayConfig.Load("[GENERAL]\nprotocol = ekm\n[EKM]\nmeters = 300001162:4\n" + (enabled ? "meter_password = 00000000\n[DEVICE]\nadmin_password = " + Admin + "\n" : "")),
        "metergateway/gw", new BrokerSession(), new ManualClock(1700000000));

    public static TheoryData<string> Hostile => new()
    {
        "7b2273657474696e67223a225c7564383030227d", // {"setting":"\ud800"}
        "7b2273657474696e67223a22c3227d", // {"setting":"<C3>"}: not UTF-8
        "7b22746f6b656e223a225c7564383030222c2273657474696e67223a2263742d726174696f227d", // {"token":"\ud800","setting":"ct-ratio"}
        "7b22746f6b656e223a22612d6c6f6e672d61646d696e2d746f6b656e222c2273657474696e67223a2263742d726174696f222c2276616c756573223a5b225c7564633030225d7d", // right token, "values":["\udc00"]
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void ALoneSurrogateOrBrokenUtf8IsNotJsonWhetherCommandsAreOnOrOff(string hex)
    {
        foreach (bool enabled in new[] { true, false })
        {
            string reply = Commands(enabled).Handle("000300001162", Convert.FromHexString(hex), null!);
            using var json = JsonDocument.Parse(reply);
            Assert.False(json.RootElement.GetProperty("ok").GetBoolean());
            Assert.Equal("not sent", json.RootElement.GetProperty("status").GetString());
            // Off, a message is not read beyond "setting" (and run does not even subscribe: EkmHostTests).
            if (enabled || hex.StartsWith("7b2273657474696e6722")) Assert.Equal("the command is not JSON {\"token\",\"setting\",\"values\"}", json.RootElement.GetProperty("error").GetString());
        }
    }

    [Fact]
    public void TheRightTokenIsStillNeededAfterAHostileMessage()
    {
        var commands = Commands(true);
        commands.Handle("000300001162", Encoding.UTF8.GetBytes("{\"setting\":\"\\ud800\"}"), null!);
        string reply = commands.Handle("000300001162", Encoding.UTF8.GetBytes("{\"token\":\"guess\",\"setting\":\"ct-ratio\",\"values\":[\"400\"]}"), null!);
        Assert.Contains("wrong or missing token", reply);
    }
}

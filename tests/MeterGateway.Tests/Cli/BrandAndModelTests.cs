using System.Text.Json;
using MeterGateway.Tests.Fixtures;
using Xunit;

namespace MeterGateway.Tests.Cli;

/// <summary>
/// <c>metergateway parse</c> prints the meter's brand and model decoded from the identification line (seed 001's
/// dictionary of meters): the FLAG id named by the IEC 62056-21 FLAG table, the model after the baud character.
/// Real captures of the corpus, run through the program.
/// </summary>
[Collection(RealComponentsCollection.Name)]
public class BrandAndModelTests
{
    [Theory]
    [InlineData("dsmr30_nl_iskra_mt382-1000.txt", "ISk5\\2MT382-1000", "Iskraemeco", "MT382-1000")]
    [InlineData("dsmr42_nl_kaifa.txt", "KFM5KAIFA-METER", "Shenzhen Kaifa Technology", "KAIFA-METER")]
    [InlineData("d0push_de_easymeter_q3da1004_com1.txt", "ESY5Q3DA1004 V3.04", "EasyMeter", "Q3DA1004 V3.04")]
    public void ParsePrintsManufacturerAndModel(string capture, string header, string manufacturer, string model)
    {
        var (code, output, errors) = MetergatewayProcess.Run("parse", "--protocol", "dsmr", Corpus.File("dsmr", capture));
        Assert.True(code == 0, errors);
        string first = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[0];
        using var doc = JsonDocument.Parse(first);
        Assert.Equal(header, doc.RootElement.GetProperty("header").GetString());
        Assert.Equal(manufacturer, doc.RootElement.GetProperty("manufacturer").GetString());
        Assert.Equal(model, doc.RootElement.GetProperty("model").GetString());
        Assert.Contains("\"header\":" + JsonSerializer.Serialize(header) + ",\"manufacturer\":", first);
    }
}

using MeterGateway.Link;
using MeterGateway.Protocols.Ekm;
using MeterGateway.Readings;
using MeterGateway.Host.Storage;

namespace MeterGateway.Host.Cli;

/// <summary>
/// One <c>metergateway read --protocol ekm</c>: opens the RS-485 link at 9600 7E1, makes one read of the meter (v3:
/// the A read; v4: the A and B reads, PROTOCOLS.md §4) with an <see cref="EkmClient"/> and writes it as one frame;
/// with a store the read is also kept in SQLite with its raw replies (<see cref="EkmReadStore"/>). A damaged reply
/// is written as an invalid frame; no reply or a refusal is reported on the error output.
/// </summary>
public static class EkmReader
{
    /// <summary>
    /// The meter to read: its 12-digit address, its generation (null: found by <see cref="Read"/>) and, for
    /// <c>--format xml</c>, where the valid read goes as an XML document (<see cref="EkmReadXml"/>; the frame output
    /// then writes only the CSV).
    /// </summary>
    public sealed record Settings(string Address, EkmMeterVersion? Version, TextWriter? Xml = null);

    /// <summary>Reads the meter on <paramref name="link"/>; returns the exit code (0 when a valid read was written).</summary>
    public static int Read(Settings settings, IMeterLink link, ReadOutput output, EkmReadStore? store, TextWriter errors)
    {
        byte[] address = EkmRequests.Address(settings.Address);
        link.Open(EkmClient.BaudRate, EkmClient.Parity, EkmClient.DataBits);
        try
        {
            var client = new EkmClient(link);
            var set = new ReadingSet();
            EkmStatus status;
            if (settings.Version is EkmMeterVersion version) status = client.Read(address, version, set);
            else
            {
                // No --meter-version: a v4 read first (A and B); a meter that does not answer it as a v4 meter (a v3
                // meter answers the v4 A request with its v3 block, or not at all) is read as v3.
                status = client.Read(address, EkmMeterVersion.V4, set);
                string found = "v4 (it answered the v4 request)";
                if (status is not (EkmStatus.Ok or EkmStatus.Crc))
                {
                    status = client.Read(address, EkmMeterVersion.V3, set);
                    found = "v3 (it did not answer the v4 request as a v4 meter)";
                }
                if (status == EkmStatus.Ok) errors.WriteLine($"metergateway: meter {Ascii.ToString(address, 0, address.Length)}: Omnimeter {found}");
            }
            DateTime time = DateTime.UtcNow;
            if (status == EkmStatus.Ok)
            {
                output.Frame(set, true, null, time);
                long timeStampMs = new DateTimeOffset(time).ToUnixTimeMilliseconds();
                byte[]? rawB = client.HasRawB ? client.RawB : null;
                store?.Insert(timeStampMs, set, client.RawA, rawB);
                if (settings.Xml != null) EkmReadXml.Write(settings.Xml, new[] { EkmStoredRead.Of(timeStampMs, set, client.RawA, rawB) }, false);
                return ExitCodes.Ok;
            }
            if (status is EkmStatus.Crc or EkmStatus.BadContent or EkmStatus.WrongMeter or EkmStatus.WrongRequestType)
            {
                output.Frame(set, false, EkmStatusText.Of(status), time);
            }
            errors.WriteLine($"metergateway: meter {Ascii.ToString(address, 0, address.Length)}: {EkmStatusText.Of(status)}");
            return ExitCodes.Failed;
        }
        finally
        {
            link.Close();
        }
    }
}

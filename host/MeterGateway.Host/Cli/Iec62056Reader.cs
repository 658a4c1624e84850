using MeterGateway.Link;
using MeterGateway.Protocols.Iec62056;
using MeterGateway.Readings;

namespace MeterGateway.Host.Cli;

/// <summary>
/// One <c>metergateway read --protocol iec62056-21</c>: runs an <see cref="Iec62056Client"/> session to its end and writes
/// each data readout, register or mode D push as a frame; attempts rejected for a bad message are written as invalid
/// frames, the others (timeouts, refusals) reported on the error output.
/// </summary>
public static class Iec62056Reader
{
    /// <summary>Optical-head settings of a read, from the command line.</summary>
    public sealed record Settings(string? Address, int? MaxBaud, Iec62056Mode Mode, string[] Registers, string? Password, bool WakeUp);

    /// <summary>Reads the meter on <paramref name="link"/>; returns the exit code (0 when a valid frame was read).</summary>
    public static int Read(Settings settings, IMeterLink link, IClock clock, ReadOutput output, TextWriter errors)
    {
        var options = new Iec62056ClientOptions
        {
            Address = settings.Address ?? "",
            Mode = settings.Mode,
            Registers = settings.Registers.Length > 0 ? settings.Registers : null,
            Password = settings.Password,
            // 66 NULs take 2.2 s at 300 baud, then the 1.6 s pause (pwitab/iec62056-21's battery-meter wake-up).
            WakeUpCharacters = settings.WakeUp ? 66 : 0,
        };
        if (settings.MaxBaud is int max) options.MaxBaudRate = max;
        var set = new ReadingSet(1024, 4096, ReadingSet.MaxTextCapacity);
        var client = new Iec62056Client(link, clock, options, set);
        client.Start();
        while (client.IsBusy)
        {
            switch (client.Poll())
            {
                case Iec62056ClientEvent.Readout:
                case Iec62056ClientEvent.Register:
                    output.Frame(set, true, null, DateTime.UtcNow);
                    if (settings.Mode == Iec62056Mode.D) client.Stop();
                    break;
                case Iec62056ClientEvent.AttemptFailed:
                    if (client.Error is Iec62056Error.Bcc or Iec62056Error.Framing or Iec62056Error.TooLong or Iec62056Error.Parse)
                    {
                        set.Clear();
                        set.SetHeader(client.Identification.Line, 0, client.Identification.Length);
                        output.Frame(set, false, client.ErrorText, DateTime.UtcNow);
                    }
                    errors.WriteLine($"metergateway: attempt {client.Attempt} failed: {client.ErrorText}");
                    if (settings.Mode == Iec62056Mode.D) client.Stop();
                    break;
                case Iec62056ClientEvent.Failed:
                    errors.WriteLine($"metergateway: no read after {client.Attempt} attempts: {client.ErrorText}");
                    break;
            }
        }
        link.Close();
        return output.ValidFrames > 0 ? ExitCodes.Ok : ExitCodes.Failed;
    }
}

using MeterGateway.Config;
using MeterGateway.Link;
using MeterGateway.Protocols;
using MeterGateway.Protocols.Ekm;
using MeterGateway.Readings;
using MeterGateway.Host.Cli;
using MeterGateway.Host.Mqtt;
using MeterGateway.Host.Storage;
using Microsoft.Data.Sqlite;

namespace MeterGateway.Host.Gateway;

/// <summary>
/// The EKM meter source of <c>metergateway run</c> with what the host adds around it, on the gateway loop's thread:
/// before each poll the MQTT commands queued since (<see cref="EkmRemoteCommands"/>) are run on the meters' serial
/// link, and every valid read is stored in SQLite with its raw replies when <c>--db FILE</c> was given
/// (<see cref="EkmReadStore"/>). The gateway loop sees an ordinary <see cref="IMeterSource"/>.
/// </summary>
public sealed class EkmGatewaySource : IMeterSource, IDisposable
{
    private readonly EkmMeterSource _inner;
    private readonly EkmReadStore? _store;
    private readonly EkmRemoteCommands _commands;
    private readonly TextWriter _errors;

    /// <summary>Wraps <paramref name="inner"/>; reads are stored in <paramref name="store"/> when given (disposed with this source).</summary>
    public EkmGatewaySource(EkmMeterSource inner, EkmReadStore? store, EkmRemoteCommands commands, TextWriter errors)
    {
        _inner = inner;
        _store = store;
        _commands = commands;
        _errors = errors;
    }

    /// <summary>
    /// The source of <c>run</c> for <paramref name="config"/>: <paramref name="source"/> itself unless the protocol is
    /// EKM; for EKM the wrapper, its command topic subscribed on <paramref name="mqtt"/> when commands are on
    /// (<see cref="EkmRemoteCommands.Enabled"/>; while they are off nothing is subscribed), storing to <paramref name="db"/>
    /// when given. <c>--db</c> with another protocol is a usage error.
    /// </summary>
    public static IMeterSource For(GatewayConfig config, IMeterSource source, MqttNetConnection mqtt, string clientId, string? db, IClock clock)
    {
        if (source is not EkmMeterSource ekm)
        {
            if (db != null) throw new UsageException($"--db {db}: stores EKM reads; [GENERAL] protocol is {config.Protocol}");
            return source;
        }
        var commands = new EkmRemoteCommands(config, config.DeviceTopicFor(clientId), mqtt, clock);
        if (commands.Enabled) mqtt.Subscribe(commands.CommandFilter, commands.Enqueue);
        else Console.Out.WriteLine("metergateway: EKM setting commands over MQTT are off (they need [DEVICE] admin_password and [EKM] meter_password)");
        return new EkmGatewaySource(ekm, db != null ? new EkmReadStore(db) : null, commands, Console.Error);
    }

    /// <inheritdoc/>
    public FrameError Error => _inner.Error;

    /// <inheritdoc/>
    public string ErrorText => _inner.ErrorText;

    /// <inheritdoc/>
    public void Open() => _inner.Open();

    /// <inheritdoc/>
    public void Close() => _inner.Close();

    /// <inheritdoc/>
    public void Reset() => _inner.Reset();

    /// <inheritdoc/>
    public bool SetFreeBetweenPolls => _inner.SetFreeBetweenPolls;

    /// <inheritdoc/>
    public FrameResult Poll(ReadingSet readings, int timeoutMs)
    {
        _commands.RunPending(_inner.Client);
        FrameResult result = _inner.Poll(readings, timeoutMs);
        if (result == FrameResult.Valid && _store != null)
        {
            EkmClient client = _inner.Client;
            try
            {
                _store.Insert(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), readings, client.RawA, client.HasRawB ? client.RawB : null);
            }
            catch (SqliteException e)
            {
                _errors.WriteLine("metergateway: --db: read not stored: " + e.Message);
            }
        }
        return result;
    }

    /// <inheritdoc/>
    public void Dispose() => _store?.Dispose();
}

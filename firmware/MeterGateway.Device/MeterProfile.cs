using MeterGateway.Config;
using MeterGateway.Link;
using MeterGateway.Protocols;
using MeterGateway.Protocols.Dlms;
using MeterGateway.Protocols.Dsmr;
using MeterGateway.Protocols.Ekm;
using MeterGateway.Protocols.Iec62056;
using MeterGateway.Protocols.Sml;
using MeterGateway.Readings;
using MeterGateway.TcpServer;

namespace MeterGateway.Device
{
    /// <summary>
    /// How a gateway reads the configured meter: the wiring the ESP32 gives the link (hardware/README.md) and the meter
    /// source over that link, the same on the box and the host.
    /// <list type="bullet">
    /// <item>DSMR P1: the Data line inverted in the UART and the Data Request line raised while reading (DSMR 5.0.2 §5.7);
    /// telegrams in the configured serial format, decrypted first when <c>[GENERAL] decryption_key</c> is set
    /// (DLMS general-global-ciphering, Luxembourg Smarty and Austrian meters).</item>
    /// <item>SML: pushed files on an IR head, neither inverted nor requested.</item>
    /// <item>IEC 62056-21: sessions on an IR head, sign-on at 300 7E1 and the switch to the speed the meter announces
    /// after the option select (IEC 62056-21:2002 §6.3), readouts every <c>[IEC] poll_interval</c> seconds.</item>
    /// <item>EKM: requests on RS-485 with the transceiver's driver enabled while sending, 9600 7E1, to every meter of
    /// <c>[EKM] meters</c> by address, every <c>[EKM] poll_interval</c> seconds.</item>
    /// </list>
    /// </summary>
    public sealed class MeterProfile
    {
        /// <summary>Invert RX and TX in the UART (<c>SerialPort.InvertSignalLevels</c>).</summary>
        public readonly bool InvertSignals;
        /// <summary>Raise the P1 Data Request line while reading.</summary>
        public readonly bool DataRequest;
        /// <summary>Half-duplex RS-485 with the driver enabled while sending.</summary>
        public readonly bool Rs485;
        private readonly MeterProtocol _protocol;

        private MeterProfile(MeterProtocol protocol, bool invert, bool dataRequest, bool rs485)
        {
            _protocol = protocol;
            InvertSignals = invert;
            DataRequest = dataRequest;
            Rs485 = rs485;
        }

        /// <summary>The profile of <paramref name="config"/>'s <c>[GENERAL] protocol</c>.</summary>
        public static MeterProfile For(GatewayConfig config)
        {
            switch (config.Protocol)
            {
                case MeterProtocol.Dsmr: return new MeterProfile(MeterProtocol.Dsmr, true, true, false);
                case MeterProtocol.Ekm: return new MeterProfile(MeterProtocol.Ekm, false, false, true);
                default: return new MeterProfile(config.Protocol, false, false, false);
            }
        }

        /// <summary>
        /// The push decoder of a DSMR or SML meter with the configuration's sizes (behind the DLMS decryptor when a
        /// decryption key is set), or null for the session protocols (IEC 62056-21, EKM), which <see cref="CreateSource"/> reads.
        /// </summary>
        public IFrameDecoder CreateDecoder(GatewayConfig config)
        {
            return MakeDecoder(config, false);
        }

        /// <summary>
        /// The box's push decoder: <see cref="CreateDecoder"/>'s, but a DSMR decoder without a decryption key parses each
        /// telegram line by line as it arrives into the set it is given (<see cref="IStreamingDecoder"/>, a line buffer of
        /// <see cref="DsmrDecoder.StreamedLineSize"/> instead of <c>max_telegram_size</c>, which still bounds the telegram):
        /// its lines the box's set does not keep need no room. A decrypted telegram is kept whole (it is whole in the
        /// decryptor's buffer anyway).
        /// </summary>
        public IFrameDecoder CreateBoxDecoder(GatewayConfig config)
        {
            return MakeDecoder(config, true);
        }

        // With streamLines a DSMR decoder streams its lines, unless a decryption key wraps it (kept whole then).
        private IFrameDecoder MakeDecoder(GatewayConfig config, bool streamLines)
        {
            streamLines &= config.DecryptionKey == null;
            IFrameDecoder decoder;
            if (_protocol == MeterProtocol.Sml) decoder = new SmlDecoder(new SmlOptions { MaxFileSize = config.MaxTelegramSize });
            else if (_protocol == MeterProtocol.Dsmr)
            {
                DsmrDecoder dsmr = new DsmrDecoder(config.MaxTelegramSize, config.LenientCrc, streamLines ? DsmrDecoder.StreamedLineSize : 0);
                dsmr.Parser.TrustDstFlag = config.TimestampDstFlag;
                decoder = dsmr;
            }
            else return null;
            if (config.DecryptionKey == null) return decoder;
            byte[] key = new byte[16];
            config.DecryptionKey.CopyTo(key, 0);
            byte[] authentication = GeneralGlobalCiphering.SmartyAuthenticationKey();
            if (config.AuthenticationKey != null) config.AuthenticationKey.CopyTo(authentication, 0);
            return new DlmsCipherDecoder(decoder, key, authentication, GeneralGlobalCiphering.FrameLength(config.MaxTelegramSize));
        }

        /// <summary>
        /// The meter source over <paramref name="link"/> (not opened yet): a push source with the decoder of
        /// <see cref="CreateDecoder"/> and the <c>[SERIAL]</c> format, an IEC 62056-21 session source with the <c>[IEC]</c>
        /// keys, or an EKM poll source for the <c>[EKM]</c> meters. <paramref name="dataRequest"/> says whether the link
        /// drives a P1 Data Request line (the box: <see cref="DataRequest"/>; the host: <c>[SERIAL] data_request</c>).
        /// With a telegram <paramref name="server"/> (or null for none, docs/tcp.md) the source hands it the checked
        /// frames from the decoder's buffer (DSMR decrypted with a key, SML files, IEC 62056-21 mode D pushes), or with
        /// <c>[TCP] raw</c> the link's bytes as read.
        /// </summary>
        public IMeterSource CreateSource(GatewayConfig config, IMeterLink link, bool dataRequest, IClock clock, TelegramServer server)
        {
            return MakeSource(config, link, dataRequest, clock, server, false);
        }

        /// <summary>
        /// The box's meter source (firmware/MeterGateway/Program.cs): <see cref="CreateSource"/>'s with the P1 Data Request
        /// line when the protocol has it (<see cref="DataRequest"/>), and a DSMR meter read with <see cref="CreateBoxDecoder"/>'s
        /// decoder unless the telegram server serves checked telegrams from the decoder's buffer (then whole, as on the host).
        /// </summary>
        public IMeterSource CreateBoxSource(GatewayConfig config, IMeterLink link, IClock clock, TelegramServer server)
        {
            return MakeSource(config, link, DataRequest, clock, server, true);
        }

        private IMeterSource MakeSource(GatewayConfig config, IMeterLink link, bool dataRequest, IClock clock, TelegramServer server, bool box)
        {
            bool checkedFrames = server != null && !server.Raw;
            if (server != null && server.Raw) link = new ServedLink(link, server);
            if (_protocol == MeterProtocol.Ekm)
                return new EkmMeterSource(link, config.EkmMeterAddresses, config.EkmMeterVersions, config.EkmPollInterval * 1000, clock);
            if (_protocol == MeterProtocol.Iec62056_21)
            {
                Iec62056ClientOptions options = new Iec62056ClientOptions();
                options.Address = config.IecAddress;
                options.Mode = config.IecMode;
                options.MaxBaudRate = config.IecMaxBaud;
                options.WakeUpCharacters = config.IecWakeUp;
                options.AcceptMissingBcc = config.LenientCrc;
                // a readout is parsed line by line as it arrives; a mode D push is kept whole (the telegram server serves it)
                options.StreamLines = config.IecMode != Iec62056Mode.D && !checkedFrames;
                options.MaxMessageSize = options.StreamLines ? Iec62056ClientOptions.StreamedMessageSize
                    : config.MaxTelegramSize > Iec62056Framer.DefaultMaxSize ? config.MaxTelegramSize : Iec62056Framer.DefaultMaxSize;
                Iec62056MeterSource session = new Iec62056MeterSource(link, clock, options, config.IecPollInterval * 1000);
                return checkedFrames ? (IMeterSource)new ServedIec62056Source(session, server) : session;
            }
            // the box parses a DSMR telegram as it arrives; the telegram server serves checked telegrams whole from the decoder
            IFrameDecoder decoder = MakeDecoder(config, box && !checkedFrames);
            if (checkedFrames)
            {
                TelegramFormat format = _protocol == MeterProtocol.Sml ? TelegramFormat.Sml
                    : config.DecryptionKey != null ? TelegramFormat.DecryptedDsmr : TelegramFormat.Dsmr;
                decoder = new ServedDecoder(decoder, server, format);
            }
            return new PushMeterSource(link, decoder, config.SerialBaudrate, config.SerialParity, config.SerialDataBits,
                dataRequest, clock, config.SerialTimeout * 1000);
        }

        /// <summary>Readings of a DSMR telegram or SML file the host's set holds: 1.5 times the largest capture's 64 (a Luxembourg telegram).</summary>
        public const int PushReadings = 96;
        /// <summary>
        /// Values of a DSMR telegram or SML file the set holds: 1.5 per reading of <see cref="PushReadings"/>, about twice
        /// the largest capture's 69 (a full DSMR power failure log of 10 events is 22 values of one reading). Each value
        /// costs 16 bytes of the set's tables, each reading 16 (<see cref="ReadingSet"/>).
        /// </summary>
        public const int PushValues = 144;
        /// <summary>Text bytes (identifiers, units, messages) of a DSMR telegram or SML file the set holds: a whole default-size telegram.</summary>
        public const int PushText = 4096;

        /// <summary>
        /// The host's reading set, every reading of a frame, sized for the protocol (the box keeps only the readings it
        /// uses: <see cref="CreateBoxReadings"/>). DSMR and SML: <see cref="PushReadings"/>,
        /// <see cref="PushValues"/> and <see cref="PushText"/> (every capture of tests/corpus fits with room to spare; a
        /// frame larger still keeps what fits, <see cref="ReadingSet.Overflowed"/>); an IEC 62056-21 data readout holds
        /// hundreds of data sets (343 from an Iskra MT174), up to <paramref name="maxReadoutReadings"/> of them are kept
        /// (the host: 1024), with 4 values and 64 text bytes each (at most <see cref="ReadingSet.MaxTextCapacity"/>); EKM
        /// reads the default set.
        /// </summary>
        public ReadingSet CreateReadings(int maxReadoutReadings)
        {
            if (_protocol == MeterProtocol.Dsmr || _protocol == MeterProtocol.Sml) return new ReadingSet(PushReadings, PushValues, PushText);
            if (_protocol != MeterProtocol.Iec62056_21) return new ReadingSet();
            int text = maxReadoutReadings * 64;
            return new ReadingSet(maxReadoutReadings, maxReadoutReadings * 4, text < ReadingSet.MaxTextCapacity ? text : ReadingSet.MaxTextCapacity);
        }

        /// <summary>
        /// Readings of an IEC 62056-21 readout a box keeps: those it uses (<see cref="PublishedReadingFilter"/>; 15 of an
        /// Iskra MT174's 343 data sets; a three-phase meter with every register, voltage, current and power of
        /// <see cref="Mapping.Quantities"/> sends about 50). A readout with more keeps what fits, <see cref="ReadingSet.Overflowed"/>.
        /// </summary>
        public const int BoxReadoutReadings = 64;

        /// <summary>
        /// Largest outbox record of the box's IEC 62056-21 set (<see cref="OutboxOptions"/>): the Iskra MT174's is 276 B, a
        /// full one of <see cref="BoxReadoutReadings"/> registers about 2 KB.
        /// </summary>
        public const int BoxReadoutRecordBytes = 2560;

        /// <summary>
        /// Readings of a DSMR telegram or SML file the box keeps (<see cref="CreateBoxReadings"/>): 1.6 times the 39 the
        /// box keeps of the corpus's largest capture (a Luxembourg telegram; a Dutch DSMR 5 telegram about 23).
        /// </summary>
        public const int BoxPushReadings = 64;
        /// <summary>Values of a DSMR telegram or SML file the box keeps: 1.5 per reading (the corpus's largest: 43 of 39 readings; an M-Bus reading is a time and a value).</summary>
        public const int BoxPushValues = 96;
        /// <summary>
        /// Text bytes of a DSMR telegram or SML file the box keeps: the corpus's largest uses 215 (identifiers and units);
        /// room for the equipment identifiers of the meter and four M-Bus channels at their longest (96 characters, DSMR
        /// 5.0.2 §6.12) besides the units.
        /// </summary>
        public const int BoxPushText = 1024;
        /// <summary>
        /// Largest outbox record of the box's DSMR or SML set (<see cref="OutboxOptions"/>): twice the corpus's largest
        /// (768 B, a Luxembourg telegram; a Dutch DSMR 5 telegram's about 500 B). A set with a larger record is published
        /// without being kept (docs/outbox.md).
        /// </summary>
        public const int BoxPushRecordBytes = 1536;

        /// <summary>
        /// The reading set of the box (firmware/MeterGateway/Program.cs; an IEC 62056-21 box keeps two, the one being
        /// received and the one taken from the outbox, the others one: <see cref="IMeterSource.SetFreeBetweenPolls"/>):
        /// only the readings the box uses
        /// (<see cref="PublishedReadingFilter"/>); of a DSMR telegram or an SML file <see cref="BoxPushReadings"/>,
        /// <see cref="BoxPushValues"/> and <see cref="BoxPushText"/>, of an IEC 62056-21 readout
        /// <see cref="BoxReadoutReadings"/> with 2 values and 16 text bytes each (a register and its unit, a maximum demand
        /// and its time); EKM the default set.
        /// </summary>
        public ReadingSet CreateBoxReadings()
        {
            ReadingSet set;
            if (_protocol == MeterProtocol.Dsmr || _protocol == MeterProtocol.Sml) set = new ReadingSet(BoxPushReadings, BoxPushValues, BoxPushText);
            else if (_protocol == MeterProtocol.Iec62056_21) set = new ReadingSet(BoxReadoutReadings, BoxReadoutReadings * 2, BoxReadoutReadings * 16);
            else return new ReadingSet();
            set.KeepOnly(new PublishedReadingFilter());
            return set;
        }

        /// <summary>
        /// Bytes of the box's status buffer (the gateway loop's, which the status page, the command replies, the update
        /// reports and the status line share): <see cref="Gateway.GatewayLoop.StatusCapacity"/> with the telegram
        /// server's part for <paramref name="config"/>'s <c>[TCP] max_clients</c> instead of the most clients, or without
        /// it when the server is off (<c>{"enabled":false}</c> fits the rest): 5,244 B instead of 6,504 without it.
        /// </summary>
        public static int BoxStatusCapacity(GatewayConfig config)
        {
            int most = TelegramServer.StatusBytes(TcpServerOptions.MaxClientsLimit);
            return Gateway.GatewayLoop.StatusCapacity - most + (config.Tcp.Enabled ? TelegramServer.StatusBytes(config.Tcp.MaxClients) : 0);
        }

        /// <summary>
        /// The most of M2Mqtt's in-flight queue on the box (<see cref="BoxMqttInflight"/>): 8, a window of 7 for the
        /// outbox's messages, each holding a copy of its payload (about 0.6 KB with a DSMR 5 event's) on the box's heap.
        /// </summary>
        public const int BoxMqttInflightLimit = 8;

        /// <summary>
        /// The most of M2Mqtt's in-flight queue on a box with a small heap (<see cref="SmallHeap"/>): 4, a window of 3,
        /// about 3.3 KB less than <see cref="BoxMqttInflightLimit"/> (docs/firmware.md, "The whole box"). Live telegrams keep up (a DSMR 5 set is 21 messages a
        /// second; a window of 3 takes about 30 a second from a broker 100 ms away, hundreds on a LAN); an outage's backlog
        /// drains more slowly from a distant broker.
        /// </summary>
        public const int SmallHeapMqttInflightLimit = 4;

        /// <summary>
        /// Free managed memory at start below which the box's heap is small: 1 MB. A module without PSRAM (a WROOM) has
        /// about 100 KB of managed heap in all, one with PSRAM (a WROVER) several MB (hardware/README.md).
        /// </summary>
        public const long SmallHeapBytes = 1048576;

        /// <summary>
        /// True on a box with a small managed heap (firmware/MeterGateway/Program.cs sets it at start:
        /// <see cref="IsSmallHeap"/> of the free managed memory): its MQTT window is then at most
        /// <see cref="SmallHeapMqttInflightLimit"/> messages (<see cref="BoxMqttInflight"/>).
        /// </summary>
        public bool SmallHeap;

        /// <summary>True when <paramref name="freeBytes"/> of free managed memory at start is less than <see cref="SmallHeapBytes"/>; false when not measured (-1).</summary>
        public static bool IsSmallHeap(long freeBytes)
        {
            return freeBytes >= 0 && freeBytes < SmallHeapBytes;
        }

        /// <summary>
        /// M2Mqtt's in-flight queue on the box (firmware/MeterGateway/Program.cs): <paramref name="config"/>'s
        /// <c>[MQTT] max_inflight</c> (1..256, default 64: the host's), at most <see cref="BoxMqttInflightLimit"/>, so 8 by
        /// default, and at most <see cref="SmallHeapMqttInflightLimit"/> on a box with a <see cref="SmallHeap"/>. Its window
        /// for the outbox's messages is one less, at least 1 (one place is kept for the synchronous publishes: status,
        /// availability; M2MqttConnection.WindowSize): 7 by default, 3 with a small heap, 1 for 1 or 2.
        /// </summary>
        public int BoxMqttInflight(GatewayConfig config)
        {
            int most = SmallHeap ? SmallHeapMqttInflightLimit : BoxMqttInflightLimit;
            return config.MaxInflight < most ? config.MaxInflight : most;
        }

        /// <summary>
        /// Reading sets the box's outbox and publish window keep in flight (<see cref="Outbox.OutboxOptions.MaxInFlight"/>)
        /// for <paramref name="config"/>: one per message of the MQTT window (<see cref="BoxMqttInflight"/> less one, at
        /// least 1) and the set being sent, so 8 by default, 2 for a <c>max_inflight</c> of 1 or 2. A set has at least one
        /// message (a DSMR 5 set 21, so two sets fill the window); the broker acknowledges a connection's QoS 1 messages in
        /// the order sent (MQTT 3.1.1 §4.6), so a complete set leaves the window at once. With more sets than that in
        /// flight the gateway waits for acknowledgements before it takes the next (docs/outbox.md).
        /// </summary>
        public int BoxSetsInFlight(GatewayConfig config)
        {
            int inflight = BoxMqttInflight(config);
            return inflight > 2 ? inflight : 2;
        }

        /// <summary>
        /// <paramref name="config"/>'s <c>[OUTBOX]</c> settings with the outbox's buffers sized for the box's sets
        /// (<see cref="CreateBoxReadings"/>): DSMR and SML records of at most <see cref="BoxPushRecordBytes"/> and a memory
        /// tail of that size (three records of a Dutch DSMR 5 telegram, 495 B: what 2 s of write delay gathers at one
        /// telegram a second; the same flash writes as a 4 KB tail, FlashFigures), IEC 62056-21
        /// <see cref="BoxReadoutRecordBytes"/> for both, EKM the defaults (4 KB each, <see cref="Outbox.OutboxOptions"/>);
        /// the segment tables sized from <c>[OUTBOX] max_size</c> (<see cref="Outbox.OutboxOptions.SegmentsForMaxBytes"/>:
        /// 22 for 80 KB instead of 64) and <see cref="BoxSetsInFlight"/> records in flight instead of 64. Throws
        /// <see cref="System.ArgumentException"/> with <see cref="OutboxProblem"/>'s text when the storage would need more
        /// segment files than the box keeps. The host keeps whole sets and the defaults.
        /// </summary>
        public Outbox.OutboxOptions OutboxOptions(GatewayConfig config)
        {
            Outbox.OutboxOptions options = config.OutboxOptions();
            if (_protocol != MeterProtocol.Ekm)
            {
                int bytes = _protocol == MeterProtocol.Iec62056_21 ? BoxReadoutRecordBytes : BoxPushRecordBytes;
                options.MaxRecordBytes = bytes;
                options.TailBytes = bytes;
            }
            string problem = OutboxProblem(config);
            if (problem != null) throw new System.ArgumentException(problem);
            options.MaxSegments = options.SegmentsForMaxBytes;
            options.MaxInFlight = BoxSetsInFlight(config);
            return options;
        }

        /// <summary>
        /// Why the box cannot keep <paramref name="config"/>'s outbox, or null when it can: <c>[OUTBOX] max_size</c> needs
        /// more segment files (<see cref="Outbox.OutboxOptions.SegmentsForMaxBytes"/>) than the default
        /// <see cref="Outbox.OutboxOptions.MaxSegments"/> (64: up to 248 KB, more than the box's 256 KB partition leaves
        /// beside the configuration and the updates). The box's portal opens with it (<see cref="StoredConfig"/>).
        /// </summary>
        public static string OutboxProblem(GatewayConfig config)
        {
            Outbox.OutboxOptions options = config.OutboxOptions();
            int needed = options.SegmentsForMaxBytes;
            if (needed <= options.MaxSegments) return null;
            return "[OUTBOX] max_size = " + config.OutboxMaxSize + " needs " + needed + " segment files, more than the box keeps (MaxSegments "
                + options.MaxSegments + "): at most " + (options.MaxSegments - 2) * (options.AllocationUnit / 1024) + " KB";
        }
    }
}

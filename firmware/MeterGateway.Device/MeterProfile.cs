using MeterGateway.Config;
using MeterGateway.Protocols;
using MeterGateway.Protocols.Dsmr;
using MeterGateway.Protocols.Sml;

namespace MeterGateway.Device
{
    /// <summary>
    /// How the ESP32 wires the meter link for the configured protocol (hardware/README.md): a P1 port has an inverted
    /// Data line, inverted in the UART, and a Data Request line to raise (DSMR 5.0.2 §5.7); an IR head reading SML is
    /// neither inverted nor requested; RS-485 (EKM) drives the transceiver with RTS. The serial format is the
    /// configuration's (<c>serial_baudrate</c>, <c>serial_parity</c>, <c>serial_databits</c>).
    /// </summary>
    public sealed class MeterProfile
    {
        /// <summary>Why the ESP32 application cannot read this protocol yet, or null when it can.</summary>
        public readonly string Problem;
        /// <summary>Invert RX and TX in the UART (<c>SerialPort.InvertSignalLevels</c>).</summary>
        public readonly bool InvertSignals;
        /// <summary>Raise the P1 Data Request line while reading.</summary>
        public readonly bool DataRequest;
        /// <summary>Half-duplex RS-485 with the driver enabled by RTS.</summary>
        public readonly bool Rs485;

        private readonly MeterProtocol _protocol;

        private MeterProfile(MeterProtocol protocol, string problem, bool invert, bool dataRequest, bool rs485)
        {
            _protocol = protocol;
            Problem = problem;
            InvertSignals = invert;
            DataRequest = dataRequest;
            Rs485 = rs485;
        }

        /// <summary>The profile of <paramref name="config"/>'s <c>[GENERAL] protocol</c>.</summary>
        public static MeterProfile For(GatewayConfig config)
        {
            switch (config.Protocol)
            {
                case MeterProtocol.Dsmr: return new MeterProfile(MeterProtocol.Dsmr, null, true, true, false);
                case MeterProtocol.Sml: return new MeterProfile(MeterProtocol.Sml, null, false, false, false);
                case MeterProtocol.Ekm:
                    return new MeterProfile(MeterProtocol.Ekm, "protocol ekm: the EKM poll session is not in the ESP32 application yet (use the host's ekm command)", false, false, true);
                default:
                    return new MeterProfile(config.Protocol, "protocol iec62056-21: the IEC 62056-21 session is not in the ESP32 application yet", false, false, false);
            }
        }

        /// <summary>The push decoder for the protocol with the configuration's sizes, or null when <see cref="Problem"/> is set.</summary>
        public IFrameDecoder CreateDecoder(GatewayConfig config)
        {
            if (Problem != null) return null;
            if (_protocol == MeterProtocol.Sml) return new SmlDecoder(new SmlOptions { MaxFileSize = config.MaxTelegramSize });
            return new DsmrDecoder(config.MaxTelegramSize, config.LenientCrc);
        }
    }
}

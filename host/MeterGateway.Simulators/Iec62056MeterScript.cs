using MeterGateway.Protocols.Iec62056;

namespace MeterGateway.Simulators
{
    /// <summary>
    /// What an <see cref="Iec62056MeterSimulator"/> says, taken from a capture: the bytes it answers a sign-on with,
    /// the data readout it sends, and how it behaves. The captures of tests/corpus/iec62056-21 map onto it directly:
    /// <c>NAME.meter1.bin</c> is <see cref="Identification"/>, the following <c>meterN.bin</c> files are
    /// <see cref="Readout"/> (or, for a mode D capture, the pushes).
    /// </summary>
    public sealed class Iec62056MeterScript
    {
        /// <summary>
        /// Bytes sent after a sign-on request, as captured (they may begin with the echo of the request, as the Itron
        /// EM214 capture does); they must contain the identification line <c>/XXXZ… CR LF</c>.
        /// </summary>
        public byte[] Identification;

        /// <summary>
        /// The data readout, as captured, in one or more chunks sent one after the other (the Elster capture sends
        /// <c>ACK CR LF</c> before its data message). Programming-mode reads are answered from the data sets found here.
        /// In mode D, each chunk is one push.
        /// </summary>
        public byte[][] Readout;

        /// <summary>
        /// How the meter behaves after the identification: <see cref="Iec62056Mode.Auto"/> follows its baud character;
        /// A sends the readout at once at 300 baud; B switches to the announced rate and sends it; C waits for the option
        /// select; D pushes <see cref="Readout"/> every <see cref="PushIntervalMs"/> without being asked.
        /// </summary>
        public Iec62056Mode Mode = Iec62056Mode.Auto;

        /// <summary>Device address the meter answers to (<c>/?ADDRESS!</c>); empty: it answers any address. <c>/?!</c> is always answered.</summary>
        public string Address = "";

        /// <summary>Password the meter expects with P1 before reads; null when it needs none.</summary>
        public string Password;

        /// <summary>Operand of the meter's P0 on entering programming mode (its serial number or a seed).</summary>
        public string PasswordOperand = "12345678";

        /// <summary>Time between receiving a message and answering it.</summary>
        public int ReactionTimeMs = 200;

        /// <summary>Speed of mode D pushes.</summary>
        public int PushBaudRate = Iec62056BaudRate.ModeD;

        /// <summary>Time between two mode D pushes.</summary>
        public int PushIntervalMs = 1000;

        /// <summary>Silence after which a meter in the middle of a session returns to 300 baud and waits for a sign-on.</summary>
        public int IdleTimeoutMs = 5000;

        /// <summary>OBIS value group A for addresses without one, when looking up registers.</summary>
        public int Medium = Iec62056Address.Electricity;
    }
}

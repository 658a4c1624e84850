namespace MeterGateway.Protocols.Iec62056
{
    /// <summary>
    /// Settings of an <see cref="Iec62056Client"/> session. Times in milliseconds. Defaults follow IEC 62056-21 as
    /// summarised in shared/PROTOCOLS.md §2: 300 baud 7E1 start, reaction time 200 ms (20 ms for FLAG ids with a
    /// lower-case third letter), mode D at 2400 baud; wake-up as pwitab/iec62056-21 (NULs for 2.1–2.3 s, then a
    /// 1.5–1.7 s pause) or smartmeter-obis (40 NULs).
    /// </summary>
    public sealed class Iec62056ClientOptions
    {
        /// <summary>The protocol mode; <see cref="Iec62056Mode.Auto"/> follows the identification's baud character.</summary>
        public Iec62056Mode Mode = Iec62056Mode.Auto;
        /// <summary>Device address for the addressed request <c>/?ADDRESS!</c>; empty for <c>/?!</c>.</summary>
        public string Address = "";
        /// <summary>Highest baud rate to select in mode C (the meter's offer is lowered to this).</summary>
        public int MaxBaudRate = 19200;
        /// <summary>Speed of a mode D push.</summary>
        public int PushBaudRate = Iec62056BaudRate.ModeD;
        /// <summary>NUL characters sent before the request to wake a battery meter (0 = none; 40 as smartmeter-obis, 66 ≈ 2.2 s at 300 baud).</summary>
        public int WakeUpCharacters;
        /// <summary>Pause after the wake-up characters have gone out, before the request.</summary>
        public int WakeUpPauseMs = 1600;
        /// <summary>Wait between receiving a message and answering it (IEC tr ≥ 200 ms; 20 ms is used when the FLAG id allows it).</summary>
        public int ReactionTimeMs = 200;
        /// <summary>Wait after the option select has gone out (its transmission time is added) before switching baud.</summary>
        public int BaudSwitchDelayMs = 50;
        /// <summary>Longest wait for the first byte of an answer (after the request has gone out).</summary>
        public int ResponseTimeoutMs = 2000;
        /// <summary>Longest silence inside a message (IEC 62056-21 allows 1500 ms).</summary>
        public int InterCharacterTimeoutMs = 1500;
        /// <summary>Longest silence between mode D pushes before it is reported.</summary>
        public int PushTimeoutMs = 30000;
        /// <summary>Attempts per session (each a full sign-on) before the session fails.</summary>
        public int MaxAttempts = 3;
        /// <summary>Wait before the second attempt; doubled for each further one, up to <see cref="MaxRetryDelayMs"/>.</summary>
        public int RetryDelayMs = 2000;
        /// <summary>Longest wait between attempts.</summary>
        public int MaxRetryDelayMs = 60000;
        /// <summary>Times a programming message is repeated after a NAK or a bad BCC.</summary>
        public int MaxRepeats = 3;
        /// <summary>Longest attempt, from sign-on to break (a 10 KB readout at 300 baud takes about 6 minutes).</summary>
        public int MaxAttemptMs = 600000;
        /// <summary>Longest wait inside one <see cref="Iec62056Client.Poll"/> call.</summary>
        public int PollWaitMs = 20;
        /// <summary>OBIS value group A for addresses without one (1 electricity, 6 heat).</summary>
        public int Medium = Iec62056Address.Electricity;
        /// <summary>Deliver data messages that began with STX but lack ETX/BCC (see <see cref="Iec62056Framer.AcceptMissingBcc"/>).</summary>
        public bool AcceptMissingBcc;
        /// <summary>Registers to read in programming mode, as the meter addresses them (<c>1.8.0</c>, <c>1-0:1.8.0</c>, <c>C.1.0</c>, or with operand <c>1.8.0(1)</c>); null or empty for a data readout.</summary>
        public string[] Registers;
        /// <summary>Password sent with <see cref="PasswordCommandType"/> after the meter's P0; null for none.</summary>
        public string Password;
        /// <summary>Password command type: <c>'1'</c> (P1, plain) or <c>'2'</c> (P2, already encrypted by the caller).</summary>
        public char PasswordCommandType = '1';
        /// <summary>Read command type: <c>'1'</c> (R1, ASCII read) or <c>'2'</c> (R2, formatted read).</summary>
        public char ReadCommandType = '1';
        /// <summary>
        /// Largest message the client receives (the Iskra MT174 readout is 9.5 KB); with <see cref="StreamLines"/> the
        /// longest line of a data readout, and the largest mode D push, programming-mode answer.
        /// </summary>
        public int MaxMessageSize = Iec62056Framer.DefaultMaxSize;
        /// <summary>
        /// Parse a data readout line by line as it arrives (<see cref="Iec62056Framer.StreamLines"/>) instead of whole
        /// after its BCC: the set is filled as the lines come and cleared when the BCC fails, and the receive buffer
        /// (<see cref="MaxMessageSize"/>) needs to hold a line, not the readout. Off when the whole message is wanted
        /// (the telegram server serves it from <see cref="Iec62056Client.Framer"/>).
        /// </summary>
        public bool StreamLines;
        /// <summary>The receive buffer of a client that streams lines (<see cref="StreamLines"/>): a data readout's longest line, a mode D push (135 B from an EMH eHZ).</summary>
        public const int StreamedMessageSize = 2048;
    }
}

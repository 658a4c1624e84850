namespace MeterGateway.Protocols.Iec62056
{
    /// <summary>
    /// The baud rate character Z of the identification and option select messages (IEC 62056-21 §6.3.3 items 13/14):
    /// mode C/E digits <c>0</c>=300, <c>1</c>=600, <c>2</c>=1200, <c>3</c>=2400, <c>4</c>=4800, <c>5</c>=9600,
    /// <c>6</c>=19200 (pwitab/iec62056-21 @ 09d9acfa <c>constants.py</c> BAUDRATES_MODE_C); mode B letters
    /// <c>A</c>=600 … <c>F</c>=19200, <c>G</c>–<c>I</c> reserved (Apollon77/smartmeter-obis @ e06eec5c
    /// <c>lib/protocols/D0Protocol.js</c>). Any other character means mode A (no baud change).
    /// </summary>
    public static class Iec62056BaudRate
    {
        /// <summary>The initial speed of every request/response session.</summary>
        public const int Initial = 300;

        /// <summary>The usual speed of mode D pushes.</summary>
        public const int ModeD = 2400;

        private static readonly int[] Rates = { 300, 600, 1200, 2400, 4800, 9600, 19200 };

        /// <summary>The rate of a mode C digit '0'..'6', or 0.</summary>
        public static int ModeC(int z)
        {
            return z >= '0' && z <= '6' ? Rates[z - '0'] : 0;
        }

        /// <summary>The rate of a mode B letter 'A'..'F', or 0 (also for the reserved 'G'..'I').</summary>
        public static int ModeB(int z)
        {
            return z >= 'A' && z <= 'F' ? Rates[z - 'A' + 1] : 0;
        }

        /// <summary>True for a mode B letter 'A'..'I' (including the reserved ones).</summary>
        public static bool IsModeB(int z)
        {
            return z >= 'A' && z <= 'I';
        }

        /// <summary>True for a mode C digit '0'..'6'.</summary>
        public static bool IsModeC(int z)
        {
            return z >= '0' && z <= '6';
        }

        /// <summary>The rate of either kind of character, or 0.</summary>
        public static int Of(int z)
        {
            int rate = ModeC(z);
            return rate != 0 ? rate : ModeB(z);
        }

        /// <summary>The mode C digit of the fastest standard rate not above <paramref name="rate"/> (at least '0').</summary>
        public static byte ModeCCharacter(int rate)
        {
            int z = 0;
            for (int i = 0; i < Rates.Length; i++)
            {
                if (Rates[i] <= rate) z = i;
            }
            return (byte)('0' + z);
        }

        /// <summary>Milliseconds the UART needs to send <paramref name="count"/> characters of 10 bits (7E1) at <paramref name="rate"/>, rounded up.</summary>
        public static int TransmitMs(int count, int rate)
        {
            if (rate <= 0) return 0;
            return (int)((count * 10000L + rate - 1) / rate);
        }
    }
}

using MeterGateway.Protocols;
using MeterGateway.Readings;

namespace MeterGateway.Protocols.Iec62056
{
    /// <summary>
    /// The identification message <c>/XXXZ[\W…]Ident CR LF</c> (IEC 62056-21 §6.3.2): XXX the manufacturer's FLAG id
    /// (a lower-case third letter allows the short 20 ms reaction time, pwitab/iec62056-21 @ 09d9acfa
    /// <c>client.py</c>), Z the baud rate character (<see cref="Iec62056BaudRate"/>), each <c>\W</c> an enhanced
    /// identification character (<c>\2</c> = binary mode HDLC available, dlms.com "enhanced identification
    /// character"), then the meter's identification (up to 16 printable characters in the standard; longer ones are
    /// kept). Examples: <c>/ISk5MT174-0001</c>, <c>/LGZ5\2ZMD4104407.B31</c>, <c>/Els6\2EK280</c> (manufacturer Els,
    /// Z '6', enhanced '2', ident EK280). The line is copied, so it outlives the receive buffer.
    /// </summary>
    public sealed class Iec62056Identification
    {
        /// <summary>Longest line kept, without '/' and CR LF.</summary>
        public const int MaxLength = 64;

        private readonly byte[] _line = new byte[MaxLength];

        /// <summary>The line without '/' and CR LF (<c>ISk5MT174-0001</c>): the header of the readings.</summary>
        public byte[] Line { get { return _line; } }

        /// <summary>Length of <see cref="Line"/> in use; 0 when nothing valid was parsed.</summary>
        public int Length { get; private set; }

        /// <summary>The baud rate character Z (<c>'5'</c>), 0 when none was parsed.</summary>
        public int BaudCharacter { get; private set; }

        /// <summary>Number of <c>\W</c> enhanced identification characters.</summary>
        public int EnhancedCount { get; private set; }

        /// <summary>Offset in <see cref="Line"/> of the meter's identification after Z and the <c>\W</c> pairs.</summary>
        public int IdentOffset { get; private set; }

        /// <summary>Length of the meter's identification.</summary>
        public int IdentLength { get; private set; }

        /// <summary>True when a valid identification has been parsed.</summary>
        public bool IsValid { get { return Length > 0; } }

        /// <summary>The <paramref name="index"/>-th enhanced identification character W (<c>'2'</c> for <c>\2</c>).</summary>
        public int Enhanced(int index)
        {
            return _line[5 + 2 * index];
        }

        /// <summary>True when the FLAG id's third letter is lower case: the meter reacts within 20 ms instead of 200 ms.</summary>
        public bool ShortReactionTime { get { return Length > 0 && _line[2] >= 'a' && _line[2] <= 'z'; } }

        /// <summary>The baud rate the character announces (<see cref="Iec62056BaudRate.Of"/>), or 0.</summary>
        public int AnnouncedBaudRate { get { return Iec62056BaudRate.Of(BaudCharacter); } }

        /// <summary>The manufacturer of the FLAG id (<see cref="Iec62056Manufacturers"/>), or null when the table does not know it.</summary>
        public string ManufacturerName { get { return Length > 0 ? Iec62056Manufacturers.Name(_line, 0) : null; } }

        /// <summary>The mode the baud character implies: a digit → C, a letter A–I → B, anything else → A.</summary>
        public Iec62056Mode ImpliedMode
        {
            get
            {
                if (Iec62056BaudRate.IsModeC(BaudCharacter)) return Iec62056Mode.C;
                if (Iec62056BaudRate.IsModeB(BaudCharacter)) return Iec62056Mode.B;
                return Iec62056Mode.A;
            }
        }

        /// <summary>Forgets the last identification.</summary>
        public void Clear()
        {
            Length = 0;
            BaudCharacter = 0;
            EnhancedCount = 0;
            IdentOffset = 0;
            IdentLength = 0;
        }

        /// <summary>
        /// Parses a line that starts with '/' and ends before CR LF. Returns false (and clears) when it is not an
        /// identification: fewer than three letters after '/', a non-printable character, or longer than
        /// <see cref="MaxLength"/>.
        /// </summary>
        public bool TryParse(byte[] buffer, int offset, int count)
        {
            Clear();
            if (count < 5 || count - 1 > MaxLength || buffer[offset] != '/') return false;
            for (int i = 1; i < 4; i++)
            {
                int c = buffer[offset + i];
                if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) return false;
            }
            for (int i = 4; i < count; i++)
            {
                int c = buffer[offset + i];
                if (c < 0x20 || c > 0x7E) return false;
            }
            if (buffer[offset + 4] == ' ') return false;
            int n = count - 1;
            Ascii.Write(buffer, offset + 1, n, _line, 0);
            int p = 4;
            int enhanced = 0;
            while (p + 1 < n && _line[p] == '\\')
            {
                enhanced++;
                p += 2;
            }
            BaudCharacter = _line[3];
            EnhancedCount = enhanced;
            IdentOffset = p;
            IdentLength = n - p;
            Length = n;
            return true;
        }

        /// <summary>The line as text (allocates; for tools and logs).</summary>
        public string ToText()
        {
            return Ascii.ToString(_line, 0, Length);
        }
    }
}

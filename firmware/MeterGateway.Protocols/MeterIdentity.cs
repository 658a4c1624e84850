using MeterGateway.Readings;

namespace MeterGateway.Protocols
{
    /// <summary>
    /// Who the meter is, taken from its reading sets: identification header, equipment id, manufacturer and model, and
    /// per M-Bus channel 1..<see cref="Channels"/> the device type and equipment id. Used for the status JSON and to
    /// name Home Assistant devices.
    /// <list type="bullet">
    /// <item>Header: DSMR <c>/XXX5Identification</c> without the slash (DSMR 5.0.2 §6.2), IEC 62056-21 identification,
    /// SML server id (as hex).</item>
    /// <item>Equipment id of the meter (channel 0), the first of <c>0-0:96.1.1</c> (DSMR 4/5, §7.1), <c>x-0:96.1.0</c>
    /// (DSMR 2.2/3 and the Hungarian/Irish variants; SML serial), <c>1-0:0.0.9</c> (SML server id), <c>x-0:0.0.0</c>
    /// (device address); of M-Bus channel n: <c>0-n:96.1.0</c> (DSMR 5.0.2 §7.3) or <c>0-n:96.1.1</c> (Belgian
    /// e-MUCS). An id of zeros only (test meters) counts as none.</item>
    /// <item>Manufacturer FLAG id: the SML manufacturer text (<c>1-0:96.50.1*1</c>, <c>129-129:199.130.3</c>), else
    /// the header's first three letters; named by <see cref="Iec62056Manufacturers"/> (the FLAG table of the IEC 62056-21 code), else shown as written.
    /// Model: the header after the FLAG id and the baud character, without an IEC 62056-21 <c>\W</c> escape
    /// (<c>ISk5\2MT382-1000</c> → <c>MT382-1000</c>); none for SML.</item>
    /// <item>M-Bus device type: <c>0-n:24.1.0</c> (3 gas, 4 heat, 7 water; PROTOCOLS.md §1).</item>
    /// </list>
    /// Texts are cut at 96 characters (the longest DSMR equipment id). <see cref="Update"/> compares the identifying bytes with the last set's without allocating; the texts are made
    /// again only when something changed (a new meter, a meter swap, an M-Bus device added).
    /// </summary>
    public sealed class MeterIdentity
    {
        /// <summary>M-Bus channels followed (DSMR has 1..4).</summary>
        public const int Channels = 4;

        /// <summary>No device type known for an M-Bus channel.</summary>
        public const int UnknownDeviceType = -1;

        private const int MaxPart = 96;
        private const byte Separator = 0xFF; // never in UTF-8 text

        private static readonly long[] IdCodes =
        {
            Obis.Pack(0, 0, 96, 1, 1), Obis.Pack(0, 0, 96, 1, 0), Obis.Pack(1, 0, 96, 1, 0), Obis.Pack(1, 0, 0, 0, 9),
            Obis.Pack(0, 0, 0, 0, 0), Obis.Pack(1, 0, 0, 0, 0),
        };
        private static readonly long[] MakerCodes = { Obis.Pack(1, 0, 96, 50, 1, 1), Obis.Pack(129, 129, 199, 130, 3) };

        private byte[] _current = new byte[(Channels + 3) * (MaxPart + 1) + Channels * 4];
        private byte[] _next = new byte[(Channels + 3) * (MaxPart + 1) + Channels * 4];
        private int _currentLength = -1;
        private int _nextLength;
        private readonly int[] _deviceType = new int[Channels + 1];
        private readonly string[] _channelId = StringArray.New(Channels + 1);

        /// <summary>Times the meter's header or equipment id changed since start (a meter swap; the first set does not count).</summary>
        public long Changes;
        /// <summary>The meter's equipment id before the last change of it, or null.</summary>
        public string PreviousEquipmentId;
        /// <summary>Incremented whenever anything here changed (readers compare it to redo their own derived texts).</summary>
        public int Version;

        /// <summary>True once a reading set was seen.</summary>
        public bool Known { get { return _currentLength >= 0; } }
        /// <summary>The identification header as sent, or null.</summary>
        public string Header { get; private set; }
        /// <summary>The meter's equipment id as sent, or null.</summary>
        public string EquipmentId { get; private set; }
        /// <summary>The equipment id decoded when it is printable ASCII in hex (<c>4B38…</c> → <c>K8EG…</c>), else as sent; or null.</summary>
        public string SerialNumber { get; private set; }
        /// <summary>The three-letter FLAG id as written, or null.</summary>
        public string Flag { get; private set; }
        /// <summary>The manufacturer's name from <see cref="Iec62056Manufacturers"/>, else the FLAG id as written; or null.</summary>
        public string Manufacturer { get; private set; }
        /// <summary>The model (from the DSMR/IEC header), or null.</summary>
        public string Model { get; private set; }

        /// <summary>The device type of M-Bus channel <paramref name="channel"/> (1..<see cref="Channels"/>), or <see cref="UnknownDeviceType"/>.</summary>
        public int DeviceType(int channel)
        {
            return _deviceType[channel];
        }

        /// <summary>The equipment id of M-Bus channel <paramref name="channel"/> as sent, or null.</summary>
        public string ChannelId(int channel)
        {
            return _channelId[channel];
        }

        /// <summary>Number of codes <see cref="CopyReadCodes"/> writes.</summary>
        public static int ReadCodeCount
        {
            get { return IdCodes.Length + MakerCodes.Length + 3 * Channels; }
        }

        /// <summary>
        /// Writes the <see cref="ReadCodeCount"/> codes whose readings <see cref="Update"/> reads into
        /// <paramref name="into"/> from <paramref name="at"/>: the equipment id and manufacturer codes, and per M-Bus
        /// channel 1..<see cref="Channels"/> <c>0-n:24.1.0</c>, <c>0-n:96.1.0</c> and <c>0-n:96.1.1</c> (a set that keeps
        /// only some codes, <see cref="ReadingSet.KeepOnly"/>, keeps these for the identity). Start-up code.
        /// </summary>
        public static void CopyReadCodes(long[] into, int at)
        {
            System.Array.Copy(IdCodes, 0, into, at, IdCodes.Length);
            at += IdCodes.Length;
            System.Array.Copy(MakerCodes, 0, into, at, MakerCodes.Length);
            at += MakerCodes.Length;
            for (int n = 1; n <= Channels; n++)
            {
                into[at++] = Obis.Pack(0, n, 24, 1, 0);
                into[at++] = Obis.Pack(0, n, 96, 1, 0);
                into[at++] = Obis.Pack(0, n, 96, 1, 1);
            }
        }

        /// <summary>
        /// Takes the identity of a valid reading set; returns true when it differs from the last one (always for the
        /// first). No allocation unless it changed.
        /// </summary>
        public bool Update(ReadingSet set)
        {
            _nextLength = 0;
            Append(set.Text, set.HeaderOffset, set.HeaderLength);
            AppendFirst(set, IdCodes);
            AppendFirst(set, MakerCodes);
            for (int n = 1; n <= Channels; n++)
            {
                AppendNumber(set, Obis.Pack(0, n, 24, 1, 0));
                AppendChannelId(set, n);
            }
            if (_nextLength == _currentLength && SameBytes()) return false;

            string previousId = EquipmentId, previousHeader = Header;
            bool first = !Known;
            byte[] swap = _current;
            _current = _next;
            _next = swap;
            _currentLength = _nextLength;
            Read(set);
            Version++;
            if (!first && (previousId != EquipmentId || previousHeader != Header))
            {
                Changes++;
                PreviousEquipmentId = previousId;
            }
            return true;
        }

        private bool SameBytes()
        {
            for (int i = 0; i < _nextLength; i++)
            {
                if (_next[i] != _current[i]) return false;
            }
            return true;
        }

        // ------------------------------------------------------------------ fingerprint (no allocation)

        private void Append(byte[] source, int offset, int count)
        {
            if (count > MaxPart) count = MaxPart;
            for (int i = 0; i < count; i++) _next[_nextLength++] = source[offset + i];
            _next[_nextLength++] = Separator;
        }

        private void AppendFirst(ReadingSet set, long[] codes)
        {
            int v = FirstValue(set, codes);
            if (v < 0) Append(set.Text, 0, 0);
            else AppendValue(set, v);
        }

        private void AppendChannelId(ReadingSet set, int n)
        {
            int v = ChannelIdValue(set, n);
            if (v < 0) Append(set.Text, 0, 0);
            else AppendValue(set, v);
        }

        private void AppendNumber(ReadingSet set, long code)
        {
            int v = ValueOf(set, code);
            long number = v >= 0 && set.Kind[v] == ValueKind.Number && set.Exponent[v] == 0 ? set.Mantissa[v] : -1;
            _next[_nextLength++] = (byte)(number >> 24);
            _next[_nextLength++] = (byte)(number >> 16);
            _next[_nextLength++] = (byte)(number >> 8);
            _next[_nextLength++] = (byte)number;
        }

        private void AppendValue(ReadingSet set, int v)
        {
            if (set.Kind[v] == ValueKind.Number)
            {
                if (_nextLength + 48 > _next.Length) return;
                _nextLength += FixedPoint.Format(set.Mantissa[v], set.Exponent[v], _next, _nextLength);
                _next[_nextLength++] = Separator;
                return;
            }
            Append(set.Text, set.TextOffset[v], set.TextLength[v]);
        }

        // ------------------------------------------------------------------ lookups

        /// <summary>The primary value of the first reading with one of <paramref name="codes"/> that is not empty or all zeros, or -1.</summary>
        private static int FirstValue(ReadingSet set, long[] codes)
        {
            for (int c = 0; c < codes.Length; c++)
            {
                int v = ValueOf(set, codes[c]);
                if (v >= 0 && IsIdentifying(set, v)) return v;
            }
            return -1;
        }

        private static int ChannelIdValue(ReadingSet set, int n)
        {
            int v = ValueOf(set, Obis.Pack(0, n, 96, 1, 0));
            if (v >= 0 && IsIdentifying(set, v)) return v;
            v = ValueOf(set, Obis.Pack(0, n, 96, 1, 1));
            return v >= 0 && IsIdentifying(set, v) ? v : -1;
        }

        private static int ValueOf(ReadingSet set, long code)
        {
            int r = set.Find(code);
            return r < 0 ? -1 : set.Primary[r];
        }

        private static bool IsIdentifying(ReadingSet set, int v)
        {
            if (set.Kind[v] == ValueKind.Number) return set.Mantissa[v] != 0;
            if (set.Kind[v] != ValueKind.Text) return false;
            int end = set.TextOffset[v] + set.TextLength[v];
            for (int i = set.TextOffset[v]; i < end; i++)
            {
                if (set.Text[i] != '0') return true;
            }
            return false;
        }

        // ------------------------------------------------------------------ texts (only when changed)

        private void Read(ReadingSet set)
        {
            Header = set.HeaderLength > 0 ? set.GetText(set.HeaderOffset, set.HeaderLength > MaxPart ? MaxPart : set.HeaderLength) : null;
            EquipmentId = TextOf(set, FirstValue(set, IdCodes));
            SerialNumber = EquipmentId == null ? null : DecodeHexText(EquipmentId);
            string maker = TextOf(set, FirstValue(set, MakerCodes));
            Flag = null;
            Model = null;
            if (maker != null && maker.Length >= 3 && IsLetters(maker)) Flag = maker.Substring(0, 3);
            else if (Header != null && Header.Length >= 3 && IsLetters(Header.Substring(0, 3)))
            {
                Flag = Header.Substring(0, 3);
                Model = ModelOf(Header);
            }
            Manufacturer = Flag == null ? null : ManufacturerOrFlag(Flag);
            for (int n = 1; n <= Channels; n++)
            {
                int v = ValueOf(set, Obis.Pack(0, n, 24, 1, 0));
                _deviceType[n] = v >= 0 && set.Kind[v] == ValueKind.Number && set.Exponent[v] == 0 ? (int)set.Mantissa[v] : UnknownDeviceType;
                _channelId[n] = TextOf(set, ChannelIdValue(set, n));
            }
        }

        private static string TextOf(ReadingSet set, int v)
        {
            if (v < 0) return null;
            if (set.Kind[v] == ValueKind.Number) return FixedPoint.ToText(set.Mantissa[v], set.Exponent[v]);
            return set.GetText(set.TextOffset[v], set.TextLength[v] > MaxPart ? MaxPart : set.TextLength[v]);
        }

        private static string ManufacturerOrFlag(string flag)
        {
            string name = Iec62056Manufacturers.Name(Ascii.GetBytes(flag), 0);
            return name != null ? name : flag;
        }

        private static bool IsLetters(string text)
        {
            for (int i = 0; i < 3; i++)
            {
                char c = text[i];
                if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) return false;
            }
            return true;
        }

        // "KFM5KAIFA-METER" → "KAIFA-METER", "ISk5\2MT382-1000" → "MT382-1000", "NWA-WARMTELINK" → "WARMTELINK".
        private static string ModelOf(string header)
        {
            int at = 4;
            if (header.Length > at + 1 && header[at] == '\\') at += 2;
            return header.Length > at ? header.Substring(at) : null;
        }

        /// <summary>
        /// <c>4B3845…</c> → <c>K8E…</c> when the text is an even number, at least 16, of hex digits encoding printable
        /// ASCII (how DSMR 4/5 meters send equipment ids, DSMR 5.0.2 §6.12 "Sn"; shorter numbers such as the IEC
        /// 62056-21 serial <c>63355730</c> are ids as they are), else the text itself. Allocates.
        /// </summary>
        public static string DecodeHexText(string text)
        {
            if (text.Length < 16 || text.Length % 2 != 0) return text;
            byte[] bytes = new byte[text.Length / 2];
            for (int i = 0; i < bytes.Length; i++)
            {
                int hi = Ascii.HexValue(text[2 * i]), lo = Ascii.HexValue(text[2 * i + 1]);
                int b = (hi << 4) | lo;
                if (hi < 0 || lo < 0 || b < 0x20 || b > 0x7E) return text;
                bytes[i] = (byte)b;
            }
            return Ascii.ToString(bytes, 0, bytes.Length);
        }
    }
}

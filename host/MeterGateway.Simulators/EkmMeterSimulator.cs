using MeterGateway.Protocols.Ekm;
using MeterGateway.Readings;

namespace MeterGateway.Simulators
{
    /// <summary>
    /// One simulated Omnimeter (v3 or v4) on a bus: it reads the request bytes a client sends and answers as
    /// PROTOCOLS.md §4 describes, with correct EKM CRCs, and remembers every setting written to it.
    /// <list type="bullet">
    /// <item>A read to its address (or <see cref="EkmRequests.AnyMeter"/>) selects it and is answered with the
    /// V3 A read (v3; to <c>/?addr!</c> and <c>/?addr00!</c>) or the V4 A / V4 B read (v4; <c>00</c> or none → A,
    /// <c>01</c> → B); a read to another address deselects it.</item>
    /// <item>While selected: <c>P1</c> with its password → ACK; <c>W1</c> after an accepted password → applied and
    /// ACK; <c>R1</c> → the settings block; the close string ends the session. A wrong password, a write without
    /// one, an unknown register, a value the meter does not allow or a v4-only setting on a v3 meter is answered
    /// with NAK (0x15): how a real meter refuses is not documented (ekmmeters only tests for 06). Commands with a
    /// bad CRC are ignored.</item>
    /// </list>
    /// Field values are kept as the integers written on the wire (kWh_Tot 123456 with kWh_Scale 1 is 12345.6 kWh);
    /// Cos_Theta fields as EKM's Power_Factor (95 → "L095", 102 → "C098", 100 → " 100"); hex fields as numbers.
    /// Bytes the tables call reserved are '0', the tail is <c>!\r\n ETX</c>, and a settings block starts with STX,
    /// the register and '(' (the 6-byte command echo of ekmmeters' block tables). Relay intervals do not run out.
    /// Feed it like a decoder: <c>used += meter.Feed(buf, off + used, n - used)</c>, then send <see cref="Reply"/>
    /// when <see cref="ReplyLength"/> &gt; 0.
    /// </summary>
    public sealed class EkmMeterSimulator
    {
        /// <summary>The refusal byte the simulator sends (NAK).</summary>
        public const byte Nak = 0x15;
        private const int InputCapacity = 128;

        /// <summary>Generation of the simulated meter.</summary>
        public readonly EkmMeterVersion Version;
        /// <summary>Its 12-digit address.</summary>
        public readonly byte[] Address;
        /// <summary>The reply to the last request (a 255-byte read or block, or one ACK/NAK byte).</summary>
        public readonly byte[] Reply = new byte[EkmLayouts.ReplyLength];
        /// <summary>Length of <see cref="Reply"/> after the last <see cref="Feed"/>; 0 when the request needs no answer from this meter.</summary>
        public int ReplyLength;
        /// <summary>The current password (factory "00000000").</summary>
        public string Password = "00000000";
        /// <summary>Write commands applied so far.</summary>
        public int AppliedWrites;

        /// <summary>The season table as last written (48 digits: 4 × month, day, schedule, then 24 zeros).</summary>
        public readonly byte[] SeasonTable = Filled(48);
        /// <summary>Tariff periods of the 8 schedules as last written (8 × 48 digits: 4 × hour, minute, tariff, then 24 zeros).</summary>
        public readonly byte[] ScheduleTable = Filled(8 * 48);
        /// <summary>The holiday dates as last written (20 × month, day).</summary>
        public readonly byte[] HolidayTable = Filled(80);
        /// <summary>Weekend and holiday schedules as last written (2 × 2 digits).</summary>
        public readonly byte[] WeekendHolidayTable = Filled(4);
        /// <summary>The LCD items as last written (40 × 2 digits).</summary>
        public readonly byte[] LcdTable = Filled(80);
        /// <summary>Seconds of the last relay command per relay (index 0 = relay 1); 0 = held.</summary>
        public readonly int[] RelaySeconds = new int[2];
        /// <summary>Forward month kWh as wire integers, index month × 5 + k (k 0 = total, 1..4 = tariff).</summary>
        public readonly long[] MonthForward = new long[30];
        /// <summary>Reverse month kWh as wire integers, indexed as <see cref="MonthForward"/>.</summary>
        public readonly long[] MonthReverse = new long[30];

        private readonly long[] _values = new long[256];
        private readonly byte[] _time = Ascii.GetBytes("24011501142530");
        private readonly byte[] _in = new byte[InputCapacity];
        private int _inLength;
        private bool _selected;
        private bool _authorized;

        /// <summary>A meter of <paramref name="version"/> at <paramref name="address"/> (1..12 digits) with sample readings.</summary>
        public EkmMeterSimulator(EkmMeterVersion version, string address)
        {
            Version = version;
            Address = EkmRequests.Address(address);
            bool v4 = version == EkmMeterVersion.V4;
            Set(EkmFieldId.Model, v4 ? 0x1024 : 0x1017);
            Set(EkmFieldId.Firmware, v4 ? 0x16 : 0x15);
            Set(EkmFieldId.kWh_Scale, 1);
            Set(EkmFieldId.kWh_Tot, 123456);
            Set(EkmFieldId.kWh_Tariff_1, 50000); Set(EkmFieldId.kWh_Tariff_2, 40000);
            Set(EkmFieldId.kWh_Tariff_3, 20000); Set(EkmFieldId.kWh_Tariff_4, 13456);
            Set(EkmFieldId.Rev_kWh_Tot, 1234);
            Set(EkmFieldId.Rev_kWh_Tariff_1, 600); Set(EkmFieldId.Rev_kWh_Tariff_2, 400);
            Set(EkmFieldId.Rev_kWh_Tariff_3, 200); Set(EkmFieldId.Rev_kWh_Tariff_4, 34);
            Set(EkmFieldId.Reactive_Energy_Tot, 4321);
            Set(EkmFieldId.kWh_Ln_1, 41152); Set(EkmFieldId.kWh_Ln_2, 41152); Set(EkmFieldId.kWh_Ln_3, 41152);
            Set(EkmFieldId.Rev_kWh_Ln_1, 411); Set(EkmFieldId.Rev_kWh_Ln_2, 411); Set(EkmFieldId.Rev_kWh_Ln_3, 412);
            Set(EkmFieldId.kWh_Rst, 789); Set(EkmFieldId.Rev_kWh_Rst, 12);
            Set(EkmFieldId.RMS_Volts_Ln_1, 2301); Set(EkmFieldId.RMS_Volts_Ln_2, 2298); Set(EkmFieldId.RMS_Volts_Ln_3, 2305);
            Set(EkmFieldId.Amps_Ln_1, 52); Set(EkmFieldId.Amps_Ln_2, 31); Set(EkmFieldId.Amps_Ln_3, 107);
            Set(EkmFieldId.RMS_Watts_Ln_1, 1150); Set(EkmFieldId.RMS_Watts_Ln_2, 690); Set(EkmFieldId.RMS_Watts_Ln_3, 2410);
            Set(EkmFieldId.RMS_Watts_Tot, 4250);
            Set(EkmFieldId.Cos_Theta_Ln_1, 95); Set(EkmFieldId.Cos_Theta_Ln_2, 102); Set(EkmFieldId.Cos_Theta_Ln_3, 100);
            Set(EkmFieldId.Reactive_Pwr_Ln_1, 380); Set(EkmFieldId.Reactive_Pwr_Ln_2, -140);
            Set(EkmFieldId.Reactive_Pwr_Ln_3, 0); Set(EkmFieldId.Reactive_Pwr_Tot, 240);
            Set(EkmFieldId.Line_Freq, 5002);
            Set(EkmFieldId.RMS_Watts_Max_Demand, 52500);
            Set(EkmFieldId.Max_Demand_Period, 1);
            Set(EkmFieldId.CT_Ratio, 200);
            Set(EkmFieldId.Pulse_Output_Ratio, 800);
            Set(EkmFieldId.Pulse_Cnt_1, 17); Set(EkmFieldId.Pulse_Cnt_3, 1234);
            Set(EkmFieldId.Pulse_Ratio_1, 1); Set(EkmFieldId.Pulse_Ratio_2, 1); Set(EkmFieldId.Pulse_Ratio_3, 10);
            Set(EkmFieldId.State_Watts_Dir, 3);
            Set(EkmFieldId.State_Out, 1);
            for (int i = 0; i < MonthForward.Length; i++)
            {
                MonthForward[i] = 10000 + 100 * i;
                MonthReverse[i] = 50 + i;
            }
        }

        /// <summary>Sets a field's wire value (an integer for numeric and hex fields, EKM's Power_Factor for Cos_Theta).</summary>
        public void Set(EkmFieldId field, long value)
        {
            _values[(int)field] = value;
        }

        /// <summary>A field's wire value.</summary>
        public long Get(EkmFieldId field)
        {
            return _values[(int)field];
        }

        /// <summary>The meter clock as 14 characters YYMMDDWWhhmmss.</summary>
        public string MeterTime { get { return Ascii.ToString(_time, 0, _time.Length); } }

        /// <summary>
        /// Consumes bytes up to the end of the next request (at least 1 when <paramref name="count"/> &gt; 0) and
        /// prepares the reply, if any, in <see cref="Reply"/>/<see cref="ReplyLength"/>.
        /// </summary>
        public int Feed(byte[] data, int offset, int count)
        {
            ReplyLength = 0;
            for (int i = 0; i < count; i++)
            {
                byte b = data[offset + i];
                if (_inLength == 0 && b != (byte)'/' && b != EkmRequests.Soh) continue;
                if (_inLength == InputCapacity) _inLength = 0;
                _in[_inLength++] = b;
                if (Complete())
                {
                    Handle();
                    _inLength = 0;
                    return i + 1;
                }
            }
            return count;
        }

        private bool Complete()
        {
            if (_in[0] == (byte)'/') return _in[_inLength - 1] == 10;
            if (_inLength >= 4 && _in[1] == (byte)'B') return _inLength == 5;
            return _inLength >= 6 && _in[_inLength - 3] == EkmRequests.Etx;
        }

        private void Handle()
        {
            if (_in[0] == (byte)'/')
            {
                HandleRead();
                return;
            }
            if (_in[1] == (byte)'B')
            {
                if (_inLength == 5 && _in[2] == (byte)'0' && _in[3] == EkmRequests.Etx && _in[4] == 0x75) _selected = _authorized = false;
                return;
            }
            if (!_selected || _inLength < 8 || _in[2] != (byte)'1' || _in[3] != EkmRequests.Stx) return;
            if (!EkmCrc.Check(_in, 1, _inLength - 3)) return;
            int end = _inLength - 3; // position of ETX
            if (_in[end - 1] != (byte)')') { Answer(Nak); return; }
            if (_in[1] == (byte)'P')
            {
                _authorized = _in[4] == (byte)'(' && end - 6 == 8 && Ascii.Equals(_in, 5, 8, Password);
                Answer(_authorized ? EkmRequests.Ack : Nak);
                return;
            }
            if (end < 9 || _in[8] != (byte)'(') { Answer(Nak); return; }
            if (_in[1] == (byte)'R')
            {
                if (!RenderBlock()) Answer(Nak);
                return;
            }
            bool applied = _in[1] == (byte)'W' && _authorized && Apply(9, end - 1 - 9);
            if (applied) AppliedWrites++;
            Answer(applied ? EkmRequests.Ack : Nak);
        }

        private void Answer(byte b)
        {
            Reply[0] = b;
            ReplyLength = 1;
        }

        private void HandleRead()
        {
            int typeLength = _inLength - 17;
            if ((typeLength != 0 && typeLength != 2) || _in[1] != (byte)'?' || _in[_inLength - 3] != (byte)'!' || _in[_inLength - 2] != 13) return;
            bool mine = Same(_in, 2, Address, EkmRequests.AddressLength) || Ascii.Equals(_in, 2, EkmRequests.AddressLength, EkmRequests.AnyMeter);
            _selected = mine;
            _authorized = false;
            if (!mine) return;
            bool b = typeLength == 2 && _in[14] == (byte)'0' && _in[15] == (byte)'1';
            bool a = typeLength == 0 || (_in[14] == (byte)'0' && _in[15] == (byte)'0');
            if (Version == EkmMeterVersion.V3)
            {
                if (a) RenderRead(EkmLayouts.V3A);
            }
            else if (a || b)
            {
                RenderRead(b ? EkmLayouts.V4B : EkmLayouts.V4A);
            }
        }

        private void RenderRead(EkmLayout layout)
        {
            StartReply();
            for (int i = 0; i < layout.Count; i++)
            {
                EkmFieldId id = layout.Field[i];
                int at = layout.Offset[i];
                int size = layout.Size[i];
                long value = _values[(int)id];
                switch (layout.Type[i])
                {
                    case EkmFieldType.Hex:
                        if (id == EkmFieldId.Request_Type) Ascii.Write(layout.RequestType, 0, 2, Reply, at);
                        else if (id != EkmFieldId.Reserved && id != EkmFieldId.Crc16)
                        {
                            for (int k = size - 1; k >= 0; k--, value >>= 8) Reply[at + k] = (byte)(value & 0xFF);
                        }
                        break;
                    case EkmFieldType.String:
                        Ascii.Write(Address, 0, size, Reply, at);
                        break;
                    case EkmFieldType.MeterTime:
                        Ascii.Write(_time, 0, size, Reply, at);
                        break;
                    case EkmFieldType.PowerFactor:
                        Reply[at] = value < 100 ? (byte)'L' : value > 100 ? (byte)'C' : (byte)' ';
                        Ascii.WritePadded((int)(value > 100 ? 200 - value : value), 3, Reply, at + 1);
                        break;
                    default:
                        WriteNumber(value, size, at);
                        break;
                }
            }
            EndReply();
        }

        private bool RenderBlock()
        {
            int register = FindRegister(4);
            if (register < 0) return false;
            StartReply();
            Ascii.Write(_in, 4, 5, Reply, 1);
            EkmBlock block = (EkmBlock)register;
            if (block == EkmBlock.Schedules1To4 || block == EkmBlock.Schedules5To8)
            {
                int first = block == EkmBlock.Schedules1To4 ? 0 : 4;
                for (int k = 0; k < 4; k++) Ascii.Write(ScheduleTable, (first + k) * 48, 24, Reply, 6 + 48 * k);
            }
            else if (block == EkmBlock.Holidays)
            {
                Ascii.Write(HolidayTable, 0, 80, Reply, 6);
                Ascii.Write(WeekendHolidayTable, 0, 4, Reply, 86);
            }
            else
            {
                long[] values = block == EkmBlock.MonthsForward ? MonthForward : MonthReverse;
                for (int i = 0; i < values.Length; i++) WriteNumber(values[i], 8, 6 + 8 * i);
            }
            EndReply();
            return true;
        }

        private int FindRegister(int at)
        {
            for (int b = 0; b <= (int)EkmBlock.Holidays; b++)
            {
                if (Ascii.Equals(_in, at, 4, EkmRequests.BlockRegister((EkmBlock)b))) return b;
            }
            return -1;
        }

        private void StartReply()
        {
            for (int i = 0; i < EkmLayouts.ReplyLength; i++) Reply[i] = (byte)'0';
            Reply[0] = EkmRequests.Stx;
            Reply[249] = (byte)'!';
            Reply[250] = 13;
            Reply[251] = 10;
            Reply[252] = EkmRequests.Etx;
        }

        private void EndReply()
        {
            EkmCrc.Append(Reply, 1, EkmLayouts.ReplyLength - 3);
            ReplyLength = EkmLayouts.ReplyLength;
        }

        private void WriteNumber(long value, int size, int at)
        {
            if (value < 0)
            {
                Reply[at] = (byte)'-';
                Ascii.WritePadded((int)-value, size - 1, Reply, at + 1);
            }
            else
            {
                Ascii.WritePadded((int)value, size, Reply, at);
            }
        }

        // Applies W1 data at _in[data .. data+length) to the register at _in[4..8). False refuses it.
        private bool Apply(int data, int length)
        {
            if (!Digits(data, length)) return false;
            bool v4 = Version == EkmMeterVersion.V4;
            int value = length > 0 && length <= 9 ? Number(data, length) : 0;
            if (Register("0020") && length == 8) { Password = Ascii.ToString(_in, data, 8); return true; }
            if (Register("0040") && length == 6 && value == 0) { Set(EkmFieldId.RMS_Watts_Max_Demand, 0); return true; }
            if (Register("0050") && length == 1 && value >= 1 && value <= 3) { Set(EkmFieldId.Max_Demand_Period, value); return true; }
            if (Register("0060") && length == 14) { Ascii.Write(_in, data, 14, _time, 0); return true; }
            if (Register("0080") && length == 48) { Ascii.Write(_in, data, 48, SeasonTable, 0); return true; }
            if (Register("00B0") && length == 80) { Ascii.Write(_in, data, 80, HolidayTable, 0); return true; }
            if (Register("00C0") && length == 4) { Ascii.Write(_in, data, 4, WeekendHolidayTable, 0); return true; }
            if (Register("00D0") && length == 4 && Contains(EkmCommands.CtRatios, value)) { Set(EkmFieldId.CT_Ratio, value); return true; }
            if (Ascii.Equals(_in, 4, 3, "007") && length == 48 && _in[7] >= (byte)'0' && _in[7] <= (byte)'7')
            {
                Ascii.Write(_in, data, 48, ScheduleTable, (_in[7] - '0') * 48);
                return true;
            }
            if (!v4) return false;
            if (Register("00D2") && length == 80) { Ascii.Write(_in, data, 80, LcdTable, 0); return true; }
            if (Register("00D3") && length == 0) { Set(EkmFieldId.kWh_Rst, 0); Set(EkmFieldId.Rev_kWh_Rst, 0); return true; }
            if (Register("00D4") && length == 4 && Contains(EkmCommands.PulseOutputRatios, value)) { Set(EkmFieldId.Pulse_Output_Ratio, value); return true; }
            if (Register("00D5") && length == 1 && value <= 4) { Set(EkmFieldId.Max_Demand_Rst, value); return true; }
            if (Ascii.Equals(_in, 4, 3, "00A") && length == 4 && value >= 1 && _in[7] >= (byte)'0' && _in[7] <= (byte)'2')
            {
                Set((EkmFieldId)((int)EkmFieldId.Pulse_Ratio_1 + _in[7] - '0'), value);
                return true;
            }
            if (Ascii.Equals(_in, 4, 3, "008") && length == 5 && (_in[7] == (byte)'1' || _in[7] == (byte)'2') && _in[data] <= (byte)'1')
            {
                int relay = _in[7] - '1';
                bool closed = _in[data] == (byte)'1';
                RelaySeconds[relay] = Number(data + 1, 4);
                // StateOut: 1 OffOff, 2 OffOn, 3 OnOff, 4 OnOn (relay 1 first).
                int bit = relay == 0 ? 2 : 1;
                int state = (int)Get(EkmFieldId.State_Out) - 1;
                state = closed ? state | bit : state & ~bit;
                Set(EkmFieldId.State_Out, state + 1);
                return true;
            }
            return false;
        }

        private bool Register(string register)
        {
            return Ascii.Equals(_in, 4, 4, register);
        }

        private bool Digits(int at, int length)
        {
            for (int i = 0; i < length; i++)
            {
                if (!Ascii.IsDigit(_in[at + i])) return false;
            }
            return true;
        }

        private int Number(int at, int length)
        {
            int value = 0;
            for (int i = 0; i < length; i++) value = value * 10 + (_in[at + i] - '0');
            return value;
        }

        private static bool Contains(int[] values, int value)
        {
            for (int i = 0; i < values.Length; i++)
            {
                if (values[i] == value) return true;
            }
            return false;
        }

        private static bool Same(byte[] a, int offset, byte[] b, int count)
        {
            for (int i = 0; i < count; i++)
            {
                if (a[offset + i] != b[i]) return false;
            }
            return true;
        }

        private static byte[] Filled(int count)
        {
            byte[] bytes = new byte[count];
            for (int i = 0; i < count; i++) bytes[i] = (byte)'0';
            return bytes;
        }
    }
}

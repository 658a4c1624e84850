#nullable disable
using MeterGateway.Protocols.Ekm;
using MeterGateway.Readings;
using MeterGateway.Simulators;

namespace MeterGateway.Tests.Shared.Ekm
{
    /// <summary>Helpers of the EKM tests: hex, hand-built replies at literal offsets, reading look-up.</summary>
    public static class EkmTestKit
    {
        /// <summary>Bytes of a hex string.</summary>
        public static byte[] Hex(string hex)
        {
            byte[] bytes = new byte[hex.Length / 2];
            for (int i = 0; i < bytes.Length; i++) bytes[i] = (byte)(Ascii.HexValue(hex[2 * i]) * 16 + Ascii.HexValue(hex[2 * i + 1]));
            return bytes;
        }

        /// <summary>The first <paramref name="count"/> bytes of a buffer.</summary>
        public static byte[] Head(byte[] buffer, int count)
        {
            byte[] head = new byte[count];
            System.Array.Copy(buffer, 0, head, 0, count);
            return head;
        }

        /// <summary>A 255-byte reply: STX, '0' everywhere else, the tail "!\r\n" ETX at 249..252, no CRC yet.</summary>
        public static byte[] NewReply()
        {
            byte[] reply = new byte[EkmLayouts.ReplyLength];
            for (int i = 0; i < reply.Length; i++) reply[i] = (byte)'0';
            reply[0] = 2;
            reply[249] = (byte)'!';
            reply[250] = 13;
            reply[251] = 10;
            reply[252] = 3;
            return reply;
        }

        /// <summary>Writes ASCII text at a literal offset of the field table.</summary>
        public static void Put(byte[] reply, int offset, string text)
        {
            Ascii.Write(text, reply, offset);
        }

        /// <summary>Writes the EKM CRC over bytes 1..252 into 253..254.</summary>
        public static byte[] Seal(byte[] reply)
        {
            EkmCrc.Append(reply, 1, 252);
            return reply;
        }

        /// <summary>
        /// The primary value of the reading with an OBIS code as text: a number with its unit ("1234.56 kWh"), a text,
        /// a timestamp's characters, "()" for empty; null when the set has no such reading.
        /// </summary>
        public static string Value(ReadingSet set, string obis)
        {
            return Value(set, Obis.FromText(obis));
        }

        /// <summary>The primary value of an EKM field's reading as text (see the other overload).</summary>
        public static string Value(ReadingSet set, EkmFieldId field)
        {
            return Value(set, EkmFields.ObisCode(field));
        }

        private static string Value(ReadingSet set, long obis)
        {
            int r = set.Find(obis);
            if (r < 0) return null;
            int v = set.Primary[r];
            switch (set.Kind[v])
            {
                case ValueKind.Number:
                    string number = FixedPoint.ToText(set.Mantissa[v], set.Exponent[v]);
                    return set.UnitLength[v] == 0 ? number : number + " " + set.GetText(set.UnitOffset[v], set.UnitLength[v]);
                case ValueKind.Empty:
                    return "()";
                default:
                    return set.GetText(set.TextOffset[v], set.TextLength[v]);
            }
        }

        /// <summary>A v4 meter and a v3 meter on one simulated bus, with a client on a loopback link.</summary>
        public static EkmClient Bus(out EkmMeterSimulator v4, out EkmMeterSimulator v3)
        {
            EkmBusSimulator bus = new EkmBusSimulator(2);
            v4 = new EkmMeterSimulator(EkmMeterVersion.V4, "300001162");
            v3 = new EkmMeterSimulator(EkmMeterVersion.V3, "26");
            bus.Add(v4);
            bus.Add(v3);
            EkmLoopbackLink link = new EkmLoopbackLink(bus);
            link.Open(EkmClient.BaudRate, EkmClient.Parity, EkmClient.DataBits);
            return new EkmClient(link);
        }
    }
}

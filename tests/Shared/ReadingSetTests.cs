using System;
using nanoFramework.TestFramework;
using MeterGateway.Readings;

namespace MeterGateway.Tests.Shared
{
    /// <summary>
    /// The compact reading set: its narrowed ranges (short indexes, ushort text offsets and lengths), a timestamp's UTC
    /// kept in Mantissa, and the OBIS filter applied as readings are begun (<see cref="ReadingSet.KeepOnly"/>).
    /// </summary>
    [TestClass]
    public class ReadingSetTests
    {
        private sealed class CodeFilter : IReadingFilter
        {
            private readonly long _code;
            public CodeFilter(long code) { _code = code; }
            public bool Keeps(long obis) { return obis == _code; }
        }

        [TestMethod]
        public void SizesBeyondTheNarrowedRangesAreRefused()
        {
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => new ReadingSet(32768, 8, 64));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => new ReadingSet(8, 32768, 64));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => new ReadingSet(8, 8, 65536));
            ReadingSet largest = new ReadingSet(ReadingSet.MaxItems, ReadingSet.MaxItems, ReadingSet.MaxTextCapacity);
            Assert.AreEqual(32767, largest.ObisCode.Length);
            Assert.AreEqual(32767, largest.Kind.Length);
            Assert.AreEqual(65535, largest.Text.Length);
        }

        [TestMethod]
        public void TextUpToTheLastOffsetIsKeptAndMoreOverflowsWithoutWrapping()
        {
            ReadingSet set = new ReadingSet(4, 8, ReadingSet.MaxTextCapacity);
            byte[] big = new byte[65000];
            for (int i = 0; i < big.Length; i++) big[i] = (byte)('a' + i % 26);
            byte[] tail = Ascii.GetBytes("0123456789");
            set.BeginReading(Obis.Pack(0, 0, 96, 13, 0));
            int a = set.AddText(big, 0, big.Length, false);
            int rest = 65535 - 65000 - 10;
            int b = set.AddText(new byte[rest], 0, rest, false);
            int c = set.AddText(tail, 0, tail.Length, false); // ends at the last byte, offset 65525
            set.EndReading(a, -1);
            Assert.IsFalse(set.Overflowed);
            Assert.AreEqual(65535, set.TextUsed);
            Assert.AreEqual(65000, (int)set.TextLength[a]);
            Assert.AreEqual(65000, (int)set.TextOffset[b]);
            Assert.AreEqual(525, (int)set.TextLength[b]);
            Assert.AreEqual(65525, (int)set.TextOffset[c]);
            Assert.AreEqual(10, (int)set.TextLength[c]);
            Assert.AreEqual("0123456789", set.GetText(set.TextOffset[c], set.TextLength[c]));
            Assert.AreEqual((byte)'z', set.Text[64999]); // 64999 % 26 = 25

            // One byte more does not fit: the value is kept empty, the set overflowed, nothing written over the start.
            set.BeginReading(Obis.Pack(0, 0, 96, 13, 1));
            int d = set.AddText(tail, 0, 1, false);
            Assert.IsTrue(set.Overflowed);
            Assert.AreEqual((byte)ValueKind.Empty, (byte)set.Kind[d]);
            Assert.AreEqual(0, (int)set.TextLength[d]);
            Assert.AreEqual((byte)'a', set.Text[0]);
            Assert.AreEqual(65535, set.TextUsed);
        }

        [TestMethod]
        public void IndexesReachTheLastValue()
        {
            ReadingSet set = new ReadingSet(2, ReadingSet.MaxItems, 16);
            set.BeginReading(Obis.Pack(1, 0, 99, 97, 0));
            int last = -1;
            for (int i = 0; i < ReadingSet.MaxItems; i++) last = set.AddEmpty();
            Assert.AreEqual(32766, last);
            Assert.AreEqual(-1, set.AddEmpty());
            Assert.IsTrue(set.Overflowed);
            set.EndReading(last, -1);
            Assert.AreEqual(32767, (int)set.ValueCount[0]);
            Assert.AreEqual(32766, (int)set.Primary[0]);
            Assert.AreEqual(-1, (int)set.CaptureTime[0]);
        }

        [TestMethod]
        public void ATimestampsUtcIsItsMantissa()
        {
            ReadingSet set = new ReadingSet(4, 8, 64);
            byte[] text = Ascii.GetBytes("200512135558S");
            set.BeginReading(Obis.Pack(0, 0, 1, 0, 0));
            int known = set.AddTimestamp(1589284558L, text, 0, text.Length);
            int unknown = set.AddTimestamp(ReadingSet.NoTime, text, 0, text.Length);
            set.EndReading(-1, known);
            set.BeginReading(Obis.Pack(1, 0, 1, 8, 1));
            int number = set.AddNumber(1234567, -3, Ascii.GetBytes("kWh"), 0, 3);
            set.EndReading(number, -1);
            Assert.AreEqual(1589284558L, set.Mantissa[known]);
            Assert.AreEqual(1589284558L, set.TimeOf(known));
            Assert.AreEqual(ReadingSet.NoTime, set.TimeOf(unknown));
            Assert.AreEqual(ReadingSet.NoTime, set.TimeOf(number)); // a number has no time, whatever its mantissa
            Assert.AreEqual(1234567L, set.Mantissa[number]);
            Assert.AreEqual("200512135558S", set.GetText(set.TextOffset[unknown], set.TextLength[unknown]));

            // Cleared values hold 0 again: a timestamp's mantissa does not leak into the next frame's text.
            set.Clear();
            set.BeginReading(Obis.Pack(0, 0, 96, 1, 1));
            int t = set.AddText(text, 0, 4, false);
            Assert.AreEqual(0L, set.Mantissa[t]);
        }

        [TestMethod]
        public void ANumbersUnitAndATextsCharactersShareOneRange()
        {
            ReadingSet set = new ReadingSet(4, 8, 64);
            byte[] text = Ascii.GetBytes("m3 E0053001");
            set.BeginReading(Obis.Pack(0, 1, 24, 2, 1));
            int number = set.AddNumber(1001, -3, text, 0, 2);
            int id = set.AddText(text, 3, 8, false);
            set.EndReading(number, -1);
            Assert.IsTrue(set.UnitOffset == set.TextOffset && set.UnitLength == set.TextLength);
            Assert.AreEqual("m3", set.GetText(set.UnitOffset[number], set.UnitLength[number]));
            Assert.AreEqual((byte)Units.CubicMetre, set.UnitCode[number]);
            Assert.AreEqual("E0053001", set.GetText(set.TextOffset[id], set.TextLength[id]));
            // a unit given to a text value is refused: its characters stay
            set.SetUnit(id, text, 0, 2);
            Assert.AreEqual("E0053001", set.GetText(set.TextOffset[id], set.TextLength[id]));
            Assert.AreEqual((byte)Units.None, set.UnitCode[id]);
        }

        [TestMethod]
        public void KeepOnlySkipsOtherReadingsWithTheirValues()
        {
            ReadingSet set = new ReadingSet(2, 2, 8);
            long kept = Obis.Pack(1, 0, 1, 8, 0);
            set.KeepOnly(new CodeFilter(kept));
            byte[] kwh = Ascii.GetBytes("kWh");
            for (int i = 0; i < 5; i++) // five other readings: none takes room, none overflows the set
            {
                Assert.AreEqual(-1, set.BeginReading(Obis.Pack(1, 0, 1, 8, 0, i)));
                Assert.AreEqual(-1, set.AddNumber(i, 0, kwh, 0, 3));
                Assert.AreEqual(-1, set.AddText(kwh, 0, 3, false));
                set.EndReading(0, -1);
            }
            Assert.AreEqual(0, set.BeginReading(kept));
            Assert.AreEqual(0, set.AddNumber(80483750, -4, kwh, 0, 3));
            set.EndReading(0, -1);
            Assert.IsFalse(set.Overflowed);
            Assert.AreEqual(1, set.ReadingCount);
            Assert.AreEqual(1, set.TotalValues);
            Assert.AreEqual(3, set.TextUsed);
            Assert.AreEqual(kept, set.ObisCode[0]);
            Assert.AreEqual(80483750L, set.Mantissa[0]);
            set.KeepOnly(null);
            Assert.AreEqual(1, set.BeginReading(Obis.Pack(0, 0, 96, 1, 0)));
        }
    }
}

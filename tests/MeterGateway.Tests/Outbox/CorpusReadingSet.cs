using System;
using System.IO;
using MeterGateway.Outbox;
using MeterGateway.Readings;

namespace MeterGateway.Tests.Outbox
{
    /// <summary>
    /// A typical DSMR 5 reading set for the outbox tests and figures: the Iskra AM550 capture
    /// (tests/corpus/dsmr/dsmr50_nl_iskra_am550_openhab.txt, 35 OBIS lines) through the project's DSMR decoder.
    /// </summary>
    public static class CorpusReadingSet
    {
        /// <summary>The capture's file name under corpus/dsmr.</summary>
        public const string File = "dsmr50_nl_iskra_am550_openhab.txt";

        /// <summary>Decodes the capture into a new set.</summary>
        public static ReadingSet Load()
        {
            return MeterGateway.Tests.Dsmr.DsmrDecoding.Single(Corpus.Bytes("dsmr", File));
        }

        /// <summary>Sample <paramref name="n"/> of a run: the capture with 1-0:1.8.1 raised by n Wh and the frame time moved to <paramref name="time"/>.</summary>
        public static void Vary(ReadingSet set, ReadingSet capture, int n, long time)
        {
            byte[] buffer = new byte[8192];
            int length = ReadingSetCodec.Encode(capture, buffer, 0, buffer.Length);
            if (!ReadingSetCodec.Decode(buffer, 0, length, set)) throw new InvalidOperationException("copy failed");
            set.Mantissa[set.First[set.Find(Obis.Pack(1, 0, 1, 8, 1))]] += n;
            set.FrameTime = time;
        }

        /// <summary>The 1-0:1.8.1 mantissa (exponent -3) of a set.</summary>
        public static long Energy(ReadingSet set)
        {
            return set.Mantissa[set.First[set.Find(Obis.Pack(1, 0, 1, 8, 1))]];
        }
    }
}

namespace MeterGateway.Tests.Iec62056;

/// <summary>One message of a corpus transcript: who sent it and its bytes.</summary>
public sealed record TranscriptMessage(bool FromHost, byte[] Bytes);

/// <summary>
/// Reads tests/corpus/iec62056-21/*.transcript.txt and framing_vectors_pwitab.txt: lines of a tag, a TAB and a Python
/// bytes literal (<c>b'\x06050\r\n'</c>); '#' lines are comments.
/// </summary>
public static class Transcript
{
    /// <summary>The messages of a transcript, in order.</summary>
    public static List<TranscriptMessage> Messages(string name)
    {
        var result = new List<TranscriptMessage>();
        foreach (var (tag, bytes) in Lines(name + ".transcript.txt"))
        {
            result.Add(new TranscriptMessage(tag == "host->", bytes));
        }
        return result;
    }

    /// <summary>The tagged byte literals of a file of tests/corpus/iec62056-21.</summary>
    public static List<(string Tag, byte[] Bytes)> Lines(string file)
    {
        var result = new List<(string, byte[])>();
        foreach (string line in File.ReadAllLines(Corpus.File("iec62056-21", file)))
        {
            if (line.Length == 0 || line[0] == '#') continue;
            int tab = line.IndexOf('\t');
            result.Add((line[..tab], PythonBytes(line[(tab + 1)..])));
        }
        return result;
    }

    /// <summary>Decodes a Python bytes literal <c>b'…'</c> (escapes \xNN \r \n \t \\ \' \").</summary>
    public static byte[] PythonBytes(string literal)
    {
        if (!literal.StartsWith("b'") && !literal.StartsWith("b\"")) throw new FormatException(literal);
        var bytes = new List<byte>();
        for (int i = 2; i < literal.Length - 1; i++)
        {
            char c = literal[i];
            if (c != '\\') { bytes.Add((byte)c); continue; }
            char e = literal[++i];
            switch (e)
            {
                case 'x': bytes.Add(Convert.ToByte(literal.Substring(i + 1, 2), 16)); i += 2; break;
                case 'r': bytes.Add(13); break;
                case 'n': bytes.Add(10); break;
                case 't': bytes.Add(9); break;
                case '0': bytes.Add(0); break;
                default: bytes.Add((byte)e); break;
            }
        }
        return bytes.ToArray();
    }
}

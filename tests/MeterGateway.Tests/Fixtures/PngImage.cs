using System.Buffers.Binary;
using System.IO.Compression;

namespace MeterGateway.Tests.Fixtures;

/// <summary>
/// The pixels of a PNG file (W3C PNG, 2nd edition): 8-bit RGB or RGBA, not interlaced, as headless Chromium writes its
/// screenshots. The IDAT chunks are inflated with <see cref="ZLibStream"/> and each row is unfiltered (None, Sub, Up,
/// Average, Paeth, §9). Anything else is a <see cref="NotSupportedException"/>.
/// </summary>
public sealed class PngImage
{
    private readonly byte[] _pixels;
    private readonly int _channels;

    private PngImage(int width, int height, int channels, byte[] pixels)
    {
        Width = width;
        Height = height;
        _channels = channels;
        _pixels = pixels;
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>The colour at (<paramref name="x"/>, <paramref name="y"/>), 0,0 top left.</summary>
    public (int R, int G, int B) At(int x, int y)
    {
        int at = (y * Width + x) * _channels;
        return (_pixels[at], _pixels[at + 1], _pixels[at + 2]);
    }

    /// <summary>Pixels in the rectangle [x0, x1) × [y0, y1) whose colour is within <paramref name="tolerance"/> of <paramref name="rgb"/> on every channel.</summary>
    public int Count(int rgb, int tolerance, int x0, int y0, int x1, int y1)
    {
        int n = 0;
        for (int y = y0; y < Math.Min(y1, Height); y++)
            for (int x = x0; x < Math.Min(x1, Width); x++)
                if (Near(At(x, y), rgb, tolerance)) n++;
        return n;
    }

    /// <summary>True when <paramref name="pixel"/> is within <paramref name="tolerance"/> of <paramref name="rgb"/> (0xRRGGBB) on every channel.</summary>
    public static bool Near((int R, int G, int B) pixel, int rgb, int tolerance) =>
        Math.Abs(pixel.R - (rgb >> 16)) <= tolerance && Math.Abs(pixel.G - ((rgb >> 8) & 0xFF)) <= tolerance && Math.Abs(pixel.B - (rgb & 0xFF)) <= tolerance;

    /// <summary>Decodes <paramref name="png"/>.</summary>
    public static PngImage Decode(byte[] png)
    {
        if (png.Length < 8 || png[0] != 0x89 || png[1] != (byte)'P') throw new NotSupportedException("not a PNG file");
        int width = 0, height = 0, channels = 0;
        using var idat = new MemoryStream();
        for (int at = 8; at + 8 <= png.Length;)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            string type = System.Text.Encoding.ASCII.GetString(png, at + 4, 4);
            var data = png.AsSpan(at + 8, length);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                byte depth = data[8], colour = data[9], interlace = data[12];
                if (depth != 8 || interlace != 0 || (colour != 2 && colour != 6)) throw new NotSupportedException($"PNG depth {depth}, colour type {colour}, interlace {interlace}");
                channels = colour == 6 ? 4 : 3;
            }
            else if (type == "IDAT")
            {
                idat.Write(data);
            }
            else if (type == "IEND")
            {
                break;
            }
            at += 12 + length;
        }
        int stride = width * channels;
        var raw = new byte[(stride + 1) * height];
        idat.Position = 0;
        using (var inflate = new ZLibStream(idat, CompressionMode.Decompress)) inflate.ReadExactly(raw);
        var pixels = new byte[stride * height];
        for (int y = 0; y < height; y++)
        {
            byte filter = raw[y * (stride + 1)];
            int src = y * (stride + 1) + 1, row = y * stride;
            for (int i = 0; i < stride; i++)
            {
                int a = i >= channels ? pixels[row + i - channels] : 0;
                int b = y > 0 ? pixels[row - stride + i] : 0;
                int c = i >= channels && y > 0 ? pixels[row - stride + i - channels] : 0;
                int predictor = filter switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => Paeth(a, b, c),
                    _ => throw new NotSupportedException("PNG filter " + filter),
                };
                pixels[row + i] = (byte)(raw[src + i] + predictor);
            }
        }
        return new PngImage(width, height, channels, pixels);
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}

using System;
using System.Text;
using MeterGateway.Readings;
using Xunit;

namespace MeterGateway.Tests
{
    /// <summary>
    /// <see cref="Utf8"/> against .NET's <see cref="Encoding.UTF8"/> on random strings (every plane, lone surrogates) and
    /// random bytes (mostly high bytes, so that every invalid form occurs): the same bytes and the same text.
    /// </summary>
    public class Utf8AgainstEncodingTests
    {
        [Fact]
        public void EncodesLikeEncodingUtf8()
        {
            var random = new Random(62056);
            for (int run = 0; run < 20000; run++)
            {
                var chars = new char[random.Next(0, 12)];
                for (int i = 0; i < chars.Length; i++)
                {
                    int kind = random.Next(4);
                    chars[i] = (char)(kind == 0 ? random.Next(0, 0x80) : kind == 1 ? random.Next(0xD800, 0xE000) : random.Next(0, 0x10000));
                }
                string text = new string(chars);
                Assert.Equal(Encoding.UTF8.GetBytes(text), Utf8.GetBytes(text));
            }
        }

        [Fact]
        public void DecodesLikeEncodingUtf8()
        {
            var random = new Random(21);
            for (int run = 0; run < 50000; run++)
            {
                var bytes = new byte[random.Next(0, 10)];
                for (int i = 0; i < bytes.Length; i++) bytes[i] = (byte)(random.Next(3) == 0 ? random.Next(0, 0x80) : random.Next(0x80, 0x100));
                Assert.Equal(Encoding.UTF8.GetString(bytes), Utf8.GetString(bytes, 0, bytes.Length));
            }
        }
    }
}

using MeterGateway.Readings;

namespace MeterGateway.Tests.Shared.Dsmr
{
    /// <summary>
    /// Inline DSMR telegrams for the portable tests (the nanoFramework test runner has no corpus files).
    /// Kaifa = matthijskooijman/arduino-dsmr @ 5a0b558e examples/parse/parse.ino (CRC 6F4A, also
    /// tests/corpus/dsmr/dsmr40_nl_kaifa_arduino_dsmr.txt); the short ones are PolarGoose/arduino-dsmr-2 @ 1a24299d
    /// src/test/parser_test.cpp negative vectors.
    /// </summary>
    public static class DsmrVectors
    {
        /// <summary>The Kaifa DSMR 4.0 telegram, CR LF line ends, CRC 6F4A.</summary>
        public const string Kaifa =
            "/KFM5KAIFA-METER\r\n\r\n" +
            "1-3:0.2.8(40)\r\n" +
            "0-0:1.0.0(150117185916W)\r\n" +
            "0-0:96.1.1(0000000000000000000000000000000000)\r\n" +
            "1-0:1.8.1(000671.578*kWh)\r\n" +
            "1-0:1.8.2(000842.472*kWh)\r\n" +
            "1-0:2.8.1(000000.000*kWh)\r\n" +
            "1-0:2.8.2(000000.000*kWh)\r\n" +
            "0-0:96.14.0(0001)\r\n" +
            "1-0:1.7.0(00.333*kW)\r\n" +
            "1-0:2.7.0(00.000*kW)\r\n" +
            "0-0:17.0.0(999.9*kW)\r\n" +
            "0-0:96.3.10(1)\r\n" +
            "0-0:96.7.21(00008)\r\n" +
            "0-0:96.7.9(00007)\r\n" +
            "1-0:99.97.0(1)(0-0:96.7.19)(000101000001W)(2147483647*s)\r\n" +
            "1-0:32.32.0(00000)\r\n" +
            "1-0:32.36.0(00000)\r\n" +
            "0-0:96.13.1()\r\n" +
            "0-0:96.13.0()\r\n" +
            "1-0:31.7.0(001*A)\r\n" +
            "1-0:21.7.0(00.332*kW)\r\n" +
            "1-0:22.7.0(00.000*kW)\r\n" +
            "0-1:24.1.0(003)\r\n" +
            "0-1:96.1.0(0000000000000000000000000000000000)\r\n" +
            "0-1:24.2.1(150117180000W)(00473.789*m3)\r\n" +
            "0-1:24.4.0(1)\r\n" +
            "!6F4A\r\n";

        /// <summary>PolarGoose: a 3-digit CRC that is not the telegram's ("Incomplete or malformed checksum" there; a CRC mismatch here).</summary>
        public const string ShortWrongCrc = "/KFM5KAIFA-METER\r\n\r\n1-0:1.8.1(000671.578*kWh)\r\n1-0:1.7.0(00.318*kW)\r\n!1ED\r\n";

        /// <summary>PolarGoose: a damaged OBIS line with a CRC that does not match ("Checksum mismatch").</summary>
        public const string BadLineWrongCrc = "/KFM5KAIFA-METER\r\n\r\n1-0:.8.1(000671.578*kWh)\r\n1-0:1.7.0(00.318*kW)\r\n!1E1D\r\n";

        /// <summary>The bytes of a string.</summary>
        public static byte[] Bytes(string text)
        {
            return Ascii.GetBytes(text);
        }

        /// <summary>Concatenates byte arrays.</summary>
        public static byte[] Concat(byte[] a, byte[] b)
        {
            byte[] r = new byte[a.Length + b.Length];
            System.Array.Copy(a, 0, r, 0, a.Length);
            System.Array.Copy(b, 0, r, a.Length, b.Length);
            return r;
        }
    }
}

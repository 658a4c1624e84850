using MeterGateway.Readings;

namespace MeterGateway.Device
{
    /// <summary>
    /// Reads a flat JSON object (RFC 8259) — names with string, number, <c>true</c>, <c>false</c> or <c>null</c>
    /// values, no nested objects or arrays — which is all a remote command is (docs/firmware.md). Strings are
    /// unescaped (<c>\" \\ \/ \b \f \n \r \t \uXXXX</c>, surrogate pairs joined; a lone surrogate or bytes that are not
    /// UTF-8 are an error); numbers and literals are kept as
    /// their text. Anything else sets <see cref="Error"/> to a constant reason and nothing is thrown. A name given
    /// twice is an error (RFC 8259 §4 leaves its meaning open). Command code, not the hot path: it allocates strings.
    /// </summary>
    public sealed class FlatJson
    {
        /// <summary>Most members read (a command has at most six).</summary>
        public const int MaxMembers = 16;

        /// <summary>Member names in document order.</summary>
        public readonly string[] Names = StringArray.New(MaxMembers);
        /// <summary>Member values: the unescaped string, the number's or literal's text, or null for <c>null</c>.</summary>
        public readonly string[] Values = StringArray.New(MaxMembers);
        /// <summary>True where the value was a JSON string (false for numbers and literals).</summary>
        public readonly bool[] IsString = new bool[MaxMembers];
        /// <summary>Members read.</summary>
        public int Count;
        /// <summary>Why the text is not a flat JSON object, or null when it is.</summary>
        public string Error;

        private byte[] _text;
        private int _at;
        private int _end;

        /// <summary>Parses <paramref name="count"/> bytes of UTF-8 from <paramref name="offset"/>.</summary>
        public static FlatJson Parse(byte[] text, int offset, int count)
        {
            FlatJson json = new FlatJson();
            json._text = text;
            json._at = offset;
            json._end = offset + count;
            json.Error = json.ReadObject();
            json._text = null;
            return json;
        }

        /// <summary>The value of member <paramref name="name"/>, or null when it is missing or <c>null</c>.</summary>
        public string Get(string name)
        {
            int i = IndexOf(name);
            return i < 0 ? null : Values[i];
        }

        /// <summary>The index of member <paramref name="name"/>, or -1.</summary>
        public int IndexOf(string name)
        {
            for (int i = 0; i < Count; i++)
            {
                if (Names[i] == name) return i;
            }
            return -1;
        }

        private string ReadObject()
        {
            SkipSpace();
            if (!Take('{')) return "not a JSON object";
            SkipSpace();
            if (Take('}')) return End();
            while (true)
            {
                SkipSpace();
                if (Peek() != '"') return "expected a member name in double quotes";
                string name;
                string problem = ReadString(out name);
                if (problem != null) return problem;
                if (IndexOf(name) >= 0) return "a member is given twice";
                SkipSpace();
                if (!Take(':')) return "expected ':' after a member name";
                SkipSpace();
                if (Count == MaxMembers) return "too many members";
                problem = ReadValue();
                if (problem != null) return problem;
                Names[Count - 1] = name;
                SkipSpace();
                if (Take(',')) continue;
                if (Take('}')) return End();
                return "expected ',' or '}'";
            }
        }

        private string End()
        {
            SkipSpace();
            return _at == _end ? null : "text after the object";
        }

        private string ReadValue()
        {
            int c = Peek();
            if (c == '"')
            {
                string value;
                string problem = ReadString(out value);
                if (problem != null) return problem;
                Store(value, true);
                return null;
            }
            if (c == '{' || c == '[') return "nested objects and arrays are not accepted";
            int start = _at;
            while (_at < _end && IsLiteralByte(_text[_at])) _at++;
            if (_at == start) return "expected a value";
            string literal = Ascii.ToString(_text, start, _at - start);
            if (literal == "null") Store(null, false);
            else if (literal == "true" || literal == "false" || IsNumber(literal)) Store(literal, false);
            else return "not a JSON value";
            return null;
        }

        private void Store(string value, bool isString)
        {
            Values[Count] = value;
            IsString[Count] = isString;
            Count++;
        }

        private string ReadString(out string value)
        {
            value = null;
            _at++; // opening quote
            byte[] bytes = new byte[_end - _at];
            int n = 0;
            while (true)
            {
                if (_at >= _end) return "a string without its closing quote";
                int b = _text[_at++];
                if (b == '"') break;
                if (b < 0x20) return "a control character inside a string";
                if (b != '\\')
                {
                    bytes[n++] = (byte)b;
                    continue;
                }
                if (_at >= _end) return "a string without its closing quote";
                int e = _text[_at++];
                if (e == '"' || e == '\\' || e == '/') bytes[n++] = (byte)e;
                else if (e == 'b') bytes[n++] = 8;
                else if (e == 'f') bytes[n++] = 12;
                else if (e == 'n') bytes[n++] = 10;
                else if (e == 'r') bytes[n++] = 13;
                else if (e == 't') bytes[n++] = 9;
                else if (e == 'u')
                {
                    int unit = ReadHex4();
                    if (unit < 0) return "a \\u escape without four hex digits";
                    if (unit >= 0xD800 && unit < 0xDC00 && _at + 1 < _end && _text[_at] == '\\' && _text[_at + 1] == 'u')
                    {
                        _at += 2;
                        int low = ReadHex4();
                        if (low < 0xDC00 || low > 0xDFFF) return "a \\u escape of a lone surrogate";
                        unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                    }
                    else if (unit >= 0xD800 && unit <= 0xDFFF)
                    {
                        return "a \\u escape of a lone surrogate";
                    }
                    n += Utf8.WriteCodePoint(unit, bytes, n);
                }
                else
                {
                    return "an unknown escape in a string";
                }
            }
            if (!Utf8.IsValid(bytes, 0, n)) return "a string that is not UTF-8";
            value = Utf8.GetString(bytes, 0, n);
            return null;
        }

        private int ReadHex4()
        {
            if (_at + 4 > _end) return -1;
            int v = 0;
            for (int i = 0; i < 4; i++)
            {
                int d = Ascii.HexValue(_text[_at + i]);
                if (d < 0) return -1;
                v = (v << 4) | d;
            }
            _at += 4;
            return v;
        }

        // The UTF-8 bytes of a code point (RFC 3629 §3); an escape never yields more bytes than its six characters.

        // RFC 8259 §6: -? int frac? exp?, int = 0 | [1-9][0-9]*.
        private static bool IsNumber(string s)
        {
            int i = 0;
            if (i < s.Length && s[i] == '-') i++;
            if (i >= s.Length || s[i] < '0' || s[i] > '9') return false;
            if (s[i] == '0') i++;
            else while (i < s.Length && s[i] >= '0' && s[i] <= '9') i++;
            if (i < s.Length && s[i] == '.')
            {
                i++;
                int digits = i;
                while (i < s.Length && s[i] >= '0' && s[i] <= '9') i++;
                if (i == digits) return false;
            }
            if (i < s.Length && (s[i] == 'e' || s[i] == 'E'))
            {
                i++;
                if (i < s.Length && (s[i] == '+' || s[i] == '-')) i++;
                int digits = i;
                while (i < s.Length && s[i] >= '0' && s[i] <= '9') i++;
                if (i == digits) return false;
            }
            return i == s.Length;
        }

        private static bool IsLiteralByte(int b)
        {
            return (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '-' || b == '+' || b == '.' || b == 'E';
        }

        private void SkipSpace()
        {
            while (_at < _end && (_text[_at] == ' ' || _text[_at] == '\t' || _text[_at] == '\n' || _text[_at] == '\r')) _at++;
        }

        private int Peek()
        {
            return _at < _end ? _text[_at] : -1;
        }

        private bool Take(char c)
        {
            if (_at >= _end || _text[_at] != c) return false;
            _at++;
            return true;
        }
    }
}

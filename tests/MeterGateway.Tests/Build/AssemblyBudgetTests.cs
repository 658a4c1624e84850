using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Text;
using Xunit;
using Xunit.Abstractions;

namespace MeterGateway.Tests.Build
{
    /// <summary>
    /// nanoFramework 1.x addresses an assembly's byte code and its strings with 16-bit offsets: the metadata processor
    /// refuses an assembly over 64 KB of either ("Byte code table overflow", "String table overflow"). Every portable
    /// assembly (each folder under firmware/ with a .csproj beside its .nfproj, and host/MeterGateway.Simulators) must
    /// stay under the budget of docs/firmware.md: 48,000 IL bytes and 48,000 bytes of strings, so each keeps room to
    /// grow. Read from the assemblies' metadata (System.Reflection.Metadata) as built for .NET: the IL of every method
    /// body, and the strings the metadata processor keeps: names (the #Strings heap) and literals (#US, as UTF-8).
    /// </summary>
    public class AssemblyBudgetTests
    {
        /// <summary>IL bytes an assembly may hold.</summary>
        public const int IlBudget = 48000;
        /// <summary>Bytes of strings (names and literals) an assembly may hold.</summary>
        public const int StringBudget = 48000;

        private readonly ITestOutputHelper _output;

        public AssemblyBudgetTests(ITestOutputHelper output)
        {
            _output = output;
        }

        public static TheoryData<string> PortableAssemblies()
        {
            var data = new TheoryData<string>();
            string root = NanoProjectFilesTests.Root;
            var folders = Directory.GetDirectories(Path.Combine(root, "firmware")).Append(Path.Combine(root, "host", "MeterGateway.Simulators"));
            foreach (string folder in folders.Order())
            {
                string name = Path.GetFileName(folder);
                if (File.Exists(Path.Combine(folder, name + ".csproj")) && File.Exists(Path.Combine(folder, name + ".nfproj"))) data.Add(name);
            }
            return data;
        }

        [Fact]
        public void EveryPortableAssemblyIsChecked()
        {
            // the data path's assemblies, from readings at the bottom to the device at the top
            int found = PortableAssemblies().Count;
            Assert.True(found >= 18, "portable assemblies found: " + found);
        }

        [Theory]
        [MemberData(nameof(PortableAssemblies))]
        public void StaysUnderTheByteCodeAndStringBudget(string assembly)
        {
            string path = Path.Combine(AppContext.BaseDirectory, assembly + ".dll");
            Assert.True(File.Exists(path), path + " is not built beside the tests: reference it from MeterGateway.Tests.csproj");
            Measure(path, out int il, out int strings, out int methods);
            _output.WriteLine($"{assembly}: {il} IL bytes in {methods} methods, {strings} bytes of strings");
            Assert.True(il <= IlBudget, $"{assembly}: {il} IL bytes, over the budget of {IlBudget}: split it along the data path");
            Assert.True(strings <= StringBudget, $"{assembly}: {strings} bytes of strings, over the budget of {StringBudget}: split it");
        }

        /// <summary>The IL bytes of every method body, and the bytes of names and literals (UTF-8, each ended by a NUL) of an assembly.</summary>
        private static void Measure(string path, out int il, out int strings, out int methods)
        {
            using var stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            MetadataReader md = pe.GetMetadataReader();
            il = 0;
            methods = 0;
            foreach (MethodDefinitionHandle h in md.MethodDefinitions)
            {
                int rva = md.GetMethodDefinition(h).RelativeVirtualAddress;
                if (rva == 0) continue;
                il += pe.GetMethodBody(rva).GetILBytes()!.Length;
                methods++;
            }
            var seen = new HashSet<string>(StringComparer.Ordinal);
            void Add(string s)
            {
                if (s.Length > 0) seen.Add(s);
            }
            foreach (TypeDefinitionHandle h in md.TypeDefinitions)
            {
                TypeDefinition t = md.GetTypeDefinition(h);
                Add(md.GetString(t.Name));
                Add(md.GetString(t.Namespace));
            }
            foreach (TypeReferenceHandle h in md.TypeReferences)
            {
                TypeReference t = md.GetTypeReference(h);
                Add(md.GetString(t.Name));
                Add(md.GetString(t.Namespace));
            }
            foreach (FieldDefinitionHandle h in md.FieldDefinitions) Add(md.GetString(md.GetFieldDefinition(h).Name));
            foreach (MethodDefinitionHandle h in md.MethodDefinitions) Add(md.GetString(md.GetMethodDefinition(h).Name));
            foreach (MemberReferenceHandle h in md.MemberReferences) Add(md.GetString(md.GetMemberReference(h).Name));
            for (UserStringHandle h = MetadataTokens.UserStringHandle(1); !h.IsNil; h = md.GetNextHandle(h)) Add(md.GetUserString(h));
            strings = seen.Sum(s => Encoding.UTF8.GetByteCount(s) + 1);
        }
    }
}

using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Xunit;

namespace MeterGateway.Tests.Build
{
    /// <summary>
    /// The nanoFramework projects cannot be built here, so their files are checked as text: every assembly an .nfproj
    /// references comes from a package its packages.config lists at the version pinned in nfproj.props, and every
    /// .nfproj is in MeterGateway.sln and imports the shared settings.
    /// </summary>
    public class NanoProjectFilesTests
    {
        internal static readonly string Root = FindRoot();

        private static readonly Regex HintPath = new Regex(@"\$\(NfPackages\)([A-Za-z0-9.]+)\.\$\((Nf[A-Za-z0-9]+Version)\)\\lib\\");

        public static TheoryData<string> NanoProjects()
        {
            var data = new TheoryData<string>();
            foreach (string dir in new[] { "firmware", "host", "tests" })
            {
                foreach (string p in Directory.GetFiles(Path.Combine(Root, dir), "*.nfproj", SearchOption.AllDirectories).Order())
                {
                    data.Add(Path.GetRelativePath(Root, p).Replace('\\', '/'));
                }
            }
            return data;
        }

        [Theory]
        [MemberData(nameof(NanoProjects))]
        public void ReferencesMatchPackagesConfigAndPinnedVersions(string project)
        {
            XDocument props = XDocument.Load(Path.Combine(Root, "nfproj.props"));
            string nfproj = File.ReadAllText(Path.Combine(Root, project));
            XDocument config = XDocument.Load(Path.Combine(Root, Path.GetDirectoryName(project)!, "packages.config"));
            var listed = config.Root!.Elements("package").ToDictionary(e => e.Attribute("id")!.Value, e => e.Attribute("version")!.Value);

            MatchCollection references = HintPath.Matches(nfproj);
            Xunit.Assert.NotEmpty(references);
            foreach (Match reference in references)
            {
                string id = reference.Groups[1].Value;
                string pinned = props.Descendants().Single(e => e.Name.LocalName == reference.Groups[2].Value).Value;
                Xunit.Assert.True(listed.ContainsKey(id), project + " references " + id + ", which packages.config does not list");
                Xunit.Assert.Equal(pinned, listed[id]);
            }
            foreach (string id in listed.Keys)
            {
                Xunit.Assert.Contains(references.Cast<Match>(), m => m.Groups[1].Value == id);
            }
        }

        [Theory]
        [MemberData(nameof(NanoProjects))]
        public void IsInTheSolutionWithTheSharedSettings(string project)
        {
            string solution = File.ReadAllText(Path.Combine(Root, "MeterGateway.sln"));
            Xunit.Assert.Contains("\"" + project.Replace('/', '\\') + "\"", solution);
            string nfproj = File.ReadAllText(Path.Combine(Root, project));
            Xunit.Assert.Matches(@"<Import Project=""(\.\.\\)+nfproj\.props"" />", nfproj);
            Xunit.Assert.Contains("nanoFramework.NotInstalled.targets\" Condition=\"!Exists(", nfproj);
        }

        /// <summary>
        /// Files an .nfproj names one by one exist (the OTA loader compiles in only the files of the core it uses, so a
        /// file renamed there would break its build, which CI cannot run).
        /// </summary>
        [Theory]
        [MemberData(nameof(NanoProjects))]
        public void EveryFileItNamesExists(string project)
        {
            XDocument doc = XDocument.Load(Path.Combine(Root, project));
            foreach (XElement compile in doc.Descendants().Where(e => e.Name.LocalName == "Compile"))
            {
                string include = compile.Attribute("Include")!.Value;
                if (include.Contains('*')) continue;
                string path = Path.Combine(Root, Path.GetDirectoryName(project)!, include.Replace('\\', Path.DirectorySeparatorChar));
                Xunit.Assert.True(File.Exists(path), project + " compiles " + include + ", which does not exist");
            }
        }

        /// <summary>
        /// The shared tests run on nanoFramework in one test assembly per area (tests/MeterGateway.Tests.nf/*/): each
        /// project links the files of ../../Shared it needs, so a new file there must be linked by one of them, or it
        /// would run on .NET only.
        /// </summary>
        [Fact]
        public void EverySharedFileIsLinkedByANanoTestProject()
        {
            string shared = Path.Combine(Root, "tests", "Shared");
            string[] projects = Directory.GetFiles(Path.Combine(Root, "tests", "MeterGateway.Tests.nf"), "*.nfproj", SearchOption.AllDirectories);
            Xunit.Assert.NotEmpty(projects);
            var linked = new System.Collections.Generic.HashSet<string>(StringComparer.Ordinal);
            foreach (string project in projects)
            {
                XDocument doc = XDocument.Load(project);
                foreach (XElement compile in doc.Descendants().Where(e => e.Name.LocalName == "Compile"))
                {
                    string include = compile.Attribute("Include")!.Value;
                    Xunit.Assert.DoesNotContain("*", include);
                    string path = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(project)!, include.Replace('\\', Path.DirectorySeparatorChar)));
                    Xunit.Assert.True(File.Exists(path), Path.GetRelativePath(Root, project) + " links " + include + ", which does not exist");
                    linked.Add(path);
                }
            }
            string[] missing = Directory.GetFiles(shared, "*.cs", SearchOption.AllDirectories)
                .Select(Path.GetFullPath)
                .Where(f => !linked.Contains(f))
                .Select(f => Path.GetRelativePath(Root, f).Replace('\\', '/'))
                .Order()
                .ToArray();
            Xunit.Assert.True(missing.Length == 0, "linked by no project in tests/MeterGateway.Tests.nf: " + string.Join(", ", missing));
        }

        /// <summary>The nanoFramework test launcher loads the test assembly by the name NFUnitTest.</summary>
        [Fact]
        public void NanoTestProjectsAreNamedForTheLauncher()
        {
            foreach (string project in Directory.GetFiles(Path.Combine(Root, "tests", "MeterGateway.Tests.nf"), "*.nfproj", SearchOption.AllDirectories))
            {
                string text = File.ReadAllText(project);
                Xunit.Assert.Contains("<AssemblyName>NFUnitTest</AssemblyName>", text);
                Xunit.Assert.Contains("<IsTestProject>true</IsTestProject>", text);
                Xunit.Assert.Contains(@"..\nano.runsettings", text);
            }
        }

        private static string FindRoot()
        {
            for (DirectoryInfo? d = new DirectoryInfo(AppContext.BaseDirectory); d != null; d = d.Parent)
            {
                if (File.Exists(Path.Combine(d.FullName, "MeterGateway.sln"))) return d.FullName;
            }
            throw new InvalidOperationException("MeterGateway.sln not found above " + AppContext.BaseDirectory);
        }
    }
}

using System.CommandLine;
using MeterGateway.Readings;

namespace MeterGateway.Host.Cli;

/// <summary>
/// <c>--language en|nl|de|fr|pt</c> of <c>parse</c>, <c>read</c> and <c>run</c>: the language of the names of what is
/// measured (<see cref="ObisNames"/>); for <c>run</c> it overrides <c>[GENERAL] language</c>.
/// </summary>
public static class LanguageOption
{
    /// <summary>A new <c>--language</c> option (no default: the command's own, English or the configuration's).</summary>
    public static Option<string?> Create() => new("--language")
    {
        Description = "Language of the names of what is measured: " + string.Join(", ", ObisNames.LanguageCodes) + " (default en, or [GENERAL] language)",
    };

    /// <summary>The language of an option value; null gives English; anything else not listed is a usage error.</summary>
    public static NameLanguage Parse(string? value)
    {
        if (value == null) return NameLanguage.English;
        int language = ObisNames.LanguageOf(value.ToLowerInvariant());
        if (language < 0) throw new UsageException($"--language {value}: not one of {string.Join(", ", ObisNames.LanguageCodes)}");
        return (NameLanguage)language;
    }
}

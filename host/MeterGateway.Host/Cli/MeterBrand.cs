using MeterGateway.Protocols;
using MeterGateway.Protocols.Ekm;
using MeterGateway.Readings;

namespace MeterGateway.Host.Cli;

/// <summary>
/// The manufacturer and model that <c>parse</c> and <c>read</c> print (JSON <c>manufacturer</c>/<c>model</c>, CSV
/// columns of the same names), decoded from a frame's identification as the status page does
/// (<see cref="MeterIdentity"/>: the FLAG id of a DSMR or IEC 62056-21 header named by the IEC 62056-21 FLAG table,
/// the model after it, <c>ISk5MT174-0001</c> → Iskraemeco, MT174-0001; an SML manufacturer text), and for EKM
/// meters EKM Metering and the Model field (<see cref="EkmModels"/>). Either is null when the frame does not tell.
/// </summary>
public sealed class MeterBrand
{
    private readonly string _protocol;
    private readonly MeterIdentity _identity = new();

    /// <summary>A decoder for frames of <paramref name="protocol"/> (<see cref="ProtocolCatalog"/> names).</summary>
    public MeterBrand(string protocol) => _protocol = protocol;

    /// <summary>The manufacturer of the last <see cref="Update"/>, or null.</summary>
    public string? Manufacturer { get; private set; }

    /// <summary>The model of the last <see cref="Update"/>, or null.</summary>
    public string? Model { get; private set; }

    /// <summary>Decodes the brand and model of a valid frame's reading set.</summary>
    public void Update(ReadingSet set)
    {
        if (_protocol == ProtocolCatalog.Ekm)
        {
            Model = EkmModels.Of(set);
            Manufacturer = Model != null ? EkmModels.Manufacturer : null;
            return;
        }
        _identity.Update(set);
        Manufacturer = _identity.Manufacturer;
        Model = _identity.Model;
    }

    /// <summary>Forgets the brand (a rejected frame).</summary>
    public void Clear()
    {
        Manufacturer = null;
        Model = null;
    }
}

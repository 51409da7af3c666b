using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Workflows.Storage;

namespace Workflows.Host.Operations;

/// <summary>
/// Data Protection key ring in PostgreSQL (<see cref="DataProtectionKeyStore"/>), shared by every Host process on the
/// database: a cookie protected by one node is unprotected by another.
/// </summary>
internal sealed class PostgresXmlRepository(DataProtectionKeyStore keys) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() => [.. keys.All().Select(xml => XElement.Parse(xml))];

    public void StoreElement(XElement element, string friendlyName) => keys.Add(friendlyName, element.ToString(SaveOptions.DisableFormatting));
}

using System.Globalization;
using AlmaIntegrationKit.Xml;

namespace AlmaIntegrationKit.Validation;

/// <summary>
/// The checks the generated validators are made of. Each adds <see cref="ValidationIssue"/>s with the field path;
/// the path of a field is only built when there is something to report.
/// </summary>
public static class AlmaChecks
{
    /// <summary>XML 1.0 characters and the <c>xs:maxLength</c>/<c>xs:minLength</c> facets of a text value.</summary>
    public static void Text(string value, string parent, string name, int? maxLength, int? minLength, ICollection<ValidationIssue> issues) =>
        Text(value, parent, name, null, maxLength, minLength, issues);

    // The path (parent/name, or parent/name/@attribute) is only built when there is an issue to report.
    private static void Text(string value, string parent, string name, string? attribute, int? maxLength, int? minLength, ICollection<ValidationIssue> issues)
    {
        var invalid = XmlCharacters.IndexOfInvalid(value);
        if (invalid >= 0)
        {
            issues.Add(new ValidationIssue(PathOf(parent, name, attribute), ValidationRules.XmlCharacter,
                $"holds {XmlCharacters.Describe(value, invalid)}, a character XML cannot carry; Alma would abort the whole load on it"));
        }

        if (maxLength is { } max && value.Length > max && XmlCharacters.CodePointLength(value) is var length && length > max)
        {
            issues.Add(new ValidationIssue(PathOf(parent, name, attribute), ValidationRules.MaxLength,
                $"is {length} characters long; at most {max} are allowed"));
        }

        if (minLength is { } min && XmlCharacters.CodePointLength(value) < min)
        {
            issues.Add(new ValidationIssue(PathOf(parent, name, attribute), ValidationRules.MinLength,
                $"is shorter than the {min} characters required"));
        }
    }

    private static string PathOf(string parent, string name, string? attribute) =>
        attribute is null ? AlmaPath.Child(parent, name) : AlmaPath.Attribute(AlmaPath.Child(parent, name), attribute);

    /// <summary>A required text value that is missing or blank.</summary>
    public static void RequiredText(string? value, string parent, string name, int? maxLength, int? minLength, ICollection<ValidationIssue> issues)
    {
        if (string.IsNullOrWhiteSpace(value))
            Missing(parent, name, issues);
        else
            Text(value, parent, name, maxLength, minLength, issues);
    }

    /// <summary>A required code-table value: a non-empty code within its length, and its label within its own.</summary>
    public static void Code(AlmaCode code, string parent, string name, int? maxLength, int? descMaxLength, ICollection<ValidationIssue> issues)
    {
        if (string.IsNullOrWhiteSpace(code.Code))
            issues.Add(new ValidationIssue(AlmaPath.Child(parent, name), ValidationRules.Required, code.Desc is null ? "is required" : "has a label but no code"));
        else
            Text(code.Code, parent, name, maxLength, null, issues);
        if (code.Desc is not null)
            Text(code.Desc, parent, name, "desc", descMaxLength, null, issues);
    }

    /// <summary>
    /// An optional code-table value. An empty element without a label (<c>&lt;country/&gt;</c>) is what the schema
    /// allows and some loaders write: no issue. A label without a code is one; otherwise as <see cref="Code"/>.
    /// </summary>
    public static void OptionalCode(AlmaCode code, string parent, string name, int? maxLength, int? descMaxLength, ICollection<ValidationIssue> issues)
    {
        if (string.IsNullOrWhiteSpace(code.Code) && code.Desc is null)
            return;
        Code(code, parent, name, maxLength, descMaxLength, issues);
    }

    /// <summary>A required element or attribute that is not there.</summary>
    internal static void Missing(string parent, string name, ICollection<ValidationIssue> issues) =>
        issues.Add(new ValidationIssue(AlmaPath.Child(parent, name), ValidationRules.Required, "is required"));

    /// <summary>An email address that cannot be delivered to.</summary>
    public static void Email(string? address, string parent, string name, ICollection<ValidationIssue> issues)
    {
        if (string.IsNullOrWhiteSpace(address))
            return;
        if (EmailAddressRule.Problem(address.Trim()) is { } problem)
            issues.Add(new ValidationIssue(AlmaPath.Child(parent, name), ValidationRules.Email, $"'{address}' {problem}"));
    }

    /// <summary>A field that is set although the SIS load ignores it (a warning: the record is still sent).</summary>
    public static void IgnoredBySis(string parent, string name, ICollection<ValidationIssue> issues) =>
        issues.Add(new ValidationIssue(AlmaPath.Child(parent, name), ValidationRules.IgnoredBySis,
            "is ignored by Alma's SIS load (it comes from the integration profile or is output only)", IssueSeverity.Warning));

    /// <summary>At most one item of a list may be preferred.</summary>
    public static void SinglePreferred(int preferredCount, string parent, string listName, ICollection<ValidationIssue> issues)
    {
        if (preferredCount > 1)
        {
            issues.Add(new ValidationIssue(AlmaPath.Child(parent, listName), ValidationRules.SinglePreferred,
                $"{preferredCount} items are marked preferred; at most one may be"));
        }
    }

    /// <summary>Identifier values must differ within one user (compared as Alma does, ignoring case).</summary>
    public static void UniqueIdentifiers<T>(IReadOnlyList<T> identifiers, Func<T, string?> value, string parent, string listName, string itemName, string valueName, ICollection<ValidationIssue> issues)
    {
        // A user has a handful of identifiers: comparing pairs beats hashing and allocates nothing.
        for (var i = 1; i < identifiers.Count; i++)
        {
            var text = value(identifiers[i]).AsSpan().Trim();
            if (text.IsEmpty)
                continue;
            for (var earlier = 0; earlier < i; earlier++)
            {
                if (!text.Equals(value(identifiers[earlier]).AsSpan().Trim(), StringComparison.OrdinalIgnoreCase))
                    continue;
                issues.Add(new ValidationIssue(AlmaPath.Child(AlmaPath.Item(AlmaPath.Child(parent, listName), itemName, i + 1), valueName),
                    ValidationRules.IdentifierUnique, $"'{text}' is already the value of {itemName}[{earlier + 1}]; identifier values must be unique"));
                break;
            }
        }
    }

    /// <summary>The purge date must not come before the expiry date.</summary>
    public static void PurgeNotBeforeExpiry(DateOnly? expiry, DateOnly? purge, string parent, string purgeName, ICollection<ValidationIssue> issues)
    {
        if (expiry is { } e && purge is { } p && p < e)
        {
            issues.Add(new ValidationIssue(AlmaPath.Child(parent, purgeName), ValidationRules.PurgeBeforeExpiry,
                string.Create(CultureInfo.InvariantCulture, $"{p:yyyy-MM-dd} is before the expiry date {e:yyyy-MM-dd}")));
        }
    }

    /// <summary>The user group must be one of the mapping file's Alma codes.</summary>
    public static void UserGroup(AlmaCode? group, UserGroupMap map, string parent, string name, ICollection<ValidationIssue> issues)
    {
        if (group is not null && string.IsNullOrWhiteSpace(group.Code) && group.Desc is null)
        {
            // The schema allows an empty element, but Alma's SIS load needs a group for every user.
            issues.Add(new ValidationIssue(AlmaPath.Child(parent, name), ValidationRules.Required, "is empty; every user needs a user group"));
            return;
        }

        if (group is null || string.IsNullOrWhiteSpace(group.Code) || map.Rules.Count == 0 || map.IsAlmaCode(group.Code))
            return;
        var suggestion = map.SuggestAlmaCode(group.Code);
        issues.Add(new ValidationIssue(AlmaPath.Child(parent, name), ValidationRules.UnknownUserGroup,
            $"'{group.Code}' is not an Alma code of alma-user-groups.csv{(suggestion is null ? string.Empty : $"; did you mean '{suggestion}'?")}"));
    }
}

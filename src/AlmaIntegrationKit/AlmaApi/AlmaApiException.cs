namespace AlmaIntegrationKit.AlmaApi;

/// <summary>What kind of answer the Alma API gave instead of the data.</summary>
internal enum AlmaApiProblem
{
    /// <summary>The key is not a valid key of this region's gateway.</summary>
    InvalidKey,

    /// <summary>The key is valid but not allowed to read this API area (or is a key of the other environment).</summary>
    NoPermission,

    /// <summary>The thing asked for does not exist (a user, a code table, a job).</summary>
    NotFound,

    /// <summary>Alma's per-second or daily threshold, still hit after the retries.</summary>
    Threshold,

    /// <summary>Alma or the gateway failed (5xx), still after the retries.</summary>
    Server,

    /// <summary>No answer within <c>Alma:TimeoutSeconds</c>, still after the retries, or no connection.</summary>
    Unreachable,

    /// <summary>Any other refusal (another 4xx).</summary>
    Refused,
}

/// <summary>
/// The Alma API did not give what was asked for. <see cref="Exception.Message"/> says what happened and what to fix;
/// it never holds the API key.
/// </summary>
internal sealed class AlmaApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AlmaApiException(AlmaApiProblem problem, int? statusCode, IReadOnlyList<AlmaApiError> errors, string message, Exception? inner = null)
        : base(message, inner)
    {
        Problem = problem;
        StatusCode = statusCode;
        Errors = errors;
    }

    /// <summary>The kind of problem.</summary>
    public AlmaApiProblem Problem { get; }

    /// <summary>The HTTP status code, or null when there was no answer.</summary>
    public int? StatusCode { get; }

    /// <summary>Alma's <c>errorList.error[]</c>, when the body held one.</summary>
    public IReadOnlyList<AlmaApiError> Errors { get; }
}

/// <summary>One entry of Alma's <c>errorList</c>.</summary>
/// <param name="Code">The <c>errorCode</c>, e.g. <c>UNAUTHORIZED</c> or <c>401861</c>.</param>
/// <param name="Message">The <c>errorMessage</c>.</param>
/// <param name="TrackingId">The <c>trackingId</c> Ex Libris support asks for, when given.</param>
internal sealed record AlmaApiError(string Code, string Message, string? TrackingId);

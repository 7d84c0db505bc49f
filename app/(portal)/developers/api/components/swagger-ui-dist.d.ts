// The part of swagger-ui-dist's prebuilt bundle the reference page calls (the package ships no types).
declare module "swagger-ui-dist/swagger-ui-bundle.js" {
  type SwaggerUIOptions = {
    domNode: HTMLElement;
    url: string;
    docExpansion?: "list" | "full" | "none";
    defaultModelsExpandDepth?: number;
    supportedSubmitMethods?: string[];
    deepLinking?: boolean;
    validatorUrl?: string | null;
    withCredentials?: boolean;
    syntaxHighlight?: false | { activated: boolean };
  };
  const SwaggerUIBundle: (options: SwaggerUIOptions) => unknown;
  export default SwaggerUIBundle;
}
